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

/**
 * Resolves once nothing more has come for `quietMs`: used only to see that nothing further
 * arrives after what a test waited for, so a slow machine can make it pass, never fail.
 */
async function quiet(answers: Answer[], quietMs = 300): Promise<void> {
  let seen = -1;
  while (seen !== answers.length) {
    seen = answers.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

describe("the lookup socket reads ahead of the page", () => {
  const bff = useFreshBff();
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
    await until(socket.answers, (answers) => linkLines(answers).length >= within(2).length);
    await quiet(socket.answers);

    const linkIds = linkLines(socket.answers).map((line) => line.id);
    expect(new Set(linkIds)).toEqual(new Set(within(2)));
    // Each once: the root as asked, every other entity as read ahead.
    expect(linkIds).toHaveLength(within(2).length);
    const labelled = new Set(labelLines(socket.answers).map((line) => line.id));
    for (const id of [...at(1), ...at(2)]) expect(labelled).toContain(id);
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
    await socket.next(2);
    await quiet(socket.answers);
    const lines = linkLines(socket.answers);
    expect(lines.filter((line) => line.id === neighbour)).toHaveLength(1);
    expect(upstreamLinkCalls(bff().sim, neighbour)).toHaveLength(1);
  });

  it("reads no more entities ahead than the page's cap", async () => {
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: root.id, ahead: 3 }], cap: 4 });
    await until(socket.answers, (answers) => linkLines(answers).length >= 4);
    await quiet(socket.answers);
    // The root the page asked for counts: three more read ahead.
    expect(new Set(upstreamLinkCalls(bff().sim).map((r) => r.entityId)).size).toBe(4);
    expect(linkLines(socket.answers)).toHaveLength(4);
  });

  it("does not read ahead of a Refresh, which reads past the cache only what it asks for", async () => {
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: root.id, ahead: 2 }], fresh: true });
    await socket.next(1);
    await quiet(socket.answers);
    expect(socket.answers).toHaveLength(1);
    expect(upstreamLinkCalls(bff().sim)).toHaveLength(1);
  });

  it("pushes no failure: an entity whose read ahead fails is left for the page's own lookup", async () => {
    const [failing] = at(1);
    if (!failing) throw new Error("the root needs a neighbour");
    bff().sim.setKnobs({ faults: { [failing]: "error" } });
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: root.id, ahead: 1 }] });
    // The root as asked, and every other neighbour read ahead.
    await until(socket.answers, (answers) => linkLines(answers).length >= at(1).length);
    await quiet(socket.answers);
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
