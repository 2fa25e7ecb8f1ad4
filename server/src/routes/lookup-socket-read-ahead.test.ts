import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import type { BatchLine } from "../contract";
import { demoScenario, hopDistances } from "../simulator";
import { type Answer, connect } from "../testing/lookup-socket-client";
import { upstreamLinkCalls, useFreshBff } from "../testing/start-bff";

const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario needs a root");
const hops = hopDistances(demoScenario, root.id);
const within = (depth: number) => [...hops].filter(([, h]) => h <= depth).map(([id]) => id);
const at = (hop: number) => [...hops].filter(([, h]) => h === hop).map(([id]) => id);

const linkLines = (answers: Answer[]) =>
  answers.filter((a): a is BatchLine => "kind" in a && a.kind === "links" && "data" in a);
const labelLines = (answers: Answer[]) =>
  answers.filter((a): a is BatchLine => "kind" in a && a.kind === "entity" && "data" in a);

/** Waits (within the test's timeout) until the answers received so far satisfy `done`. */
async function until(answers: Answer[], done: (answers: Answer[]) => boolean): Promise<void> {
  while (!done(answers)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("the lookup socket reads ahead of the page", () => {
  // A read ahead that fails is not sent (the page would ask itself): the tests' usual 1 s
  // upstream timeout could fail one on a loaded machine.
  const bff = useFreshBff({ env: { CASEGRAPH_UPSTREAM_TIMEOUT_MS: "10000" } });
  const sockets: WebSocket[] = [];
  const open = async () => {
    const socket = await connect(bff().url);
    sockets.push(socket.ws);
    return socket;
  };
  afterEach(() => {
    for (const ws of sockets.splice(0)) ws.terminate();
  });

  it("sends, unasked, the links and labels of every entity within the hops the page shows past the one it asked for, and nothing further", async () => {
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: root.id, ahead: 2 }], cap: 500 });
    const beyondRoot = [...at(1), ...at(2)];
    await until(
      socket.answers,
      (answers) =>
        linkLines(answers).length >= within(2).length &&
        labelLines(answers).length >= beyondRoot.length,
    );

    const linkIds = linkLines(socket.answers).map((line) => line.id);
    // The answer asked for, then the rest marked as sent unasked.
    expect(
      linkLines(socket.answers)
        .filter((line) => !("pushed" in line && line.pushed))
        .map((l) => l.id),
    ).toEqual([root.id]);
    expect(new Set(linkIds)).toEqual(new Set(within(2)));
    // Each once: the root as asked, every other entity as read ahead.
    expect(linkIds).toHaveLength(within(2).length);
    const labelled = new Set(labelLines(socket.answers).map((line) => line.id));
    for (const id of beyondRoot) expect(labelled).toContain(id);
    expect(labelled).not.toContain(root.id);
    // Exactly one upstream call per entity within the hops: nothing past them was read.
    const called = upstreamLinkCalls(bff().sim).map((r) => r.entityId);
    expect(new Set(called)).toEqual(new Set(within(2)));
    expect(called).toHaveLength(within(2).length);
  });

  it("answers a lookup the page asks for while it is read ahead once, as asked", async () => {
    const socket = await open();
    const [neighbour] = at(1);
    if (!neighbour) throw new Error("the root needs a neighbour");
    socket.send({
      links: [
        { type: "CASE", id: root.id, ahead: 1 },
        { type: "CASE", id: neighbour },
      ],
    });
    // Every other neighbour arrives read ahead; the one asked for comes back as asked.
    await until(socket.answers, (answers) => linkLines(answers).length >= at(1).length + 1);
    const lines = linkLines(socket.answers).filter((line) => line.id === neighbour);
    expect(lines).toEqual([expect.not.objectContaining({ pushed: true })]);
    expect(upstreamLinkCalls(bff().sim, neighbour)).toHaveLength(1);
  });

  it("pushes no failure: an entity whose read ahead fails is left for the page's own lookup", async () => {
    const [failing] = at(1);
    if (!failing) throw new Error("the root needs a neighbour");
    bff().sim.setKnobs({ faults: { [failing]: "error" } });
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: root.id, ahead: 1 }] });
    // The root as asked, and every other neighbour read ahead.
    await until(socket.answers, (answers) => linkLines(answers).length >= at(1).length);
    expect(socket.answers.filter((a) => "error" in a)).toEqual([]);
    expect(linkLines(socket.answers).map((line) => line.id)).not.toContain(failing);
  });

  it("refuses a read ahead past the URL's largest depth, naming the field", async () => {
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: root.id, ahead: 11 }] });
    const [answer] = await socket.next(1);
    expect(answer).toMatchObject({
      kind: "links",
      id: root.id,
      error: { status: 400, code: "bad_request" },
    });
    expect(answer && "error" in answer ? answer.error.message : "").toMatch(/^links\.0\.ahead: /);
    expect(upstreamLinkCalls(bff().sim)).toHaveLength(0);
  });
});
