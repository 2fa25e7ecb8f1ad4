import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { GraphNode } from "../../lib/graph-types";
import { parseViewState } from "../../lib/url-state";
import { GraphNotices } from "./graph-notices";

const stats = { entities: 500, links: 600, pending: 0, failed: 0, leftOut: 42 };
const failedNode: GraphNode = {
  key: "CASE:a",
  type: "CASE",
  id: "a",
  hop: 1,
  labelStatus: "done",
  linksStatus: "error",
  linksError: {
    status: 503,
    code: "upstream_rate_limited",
    message: "Datadog is rate limiting lookups.",
  },
  frontier: false,
};
const snapshot = {
  rootKey: "CASE:root",
  nodes: new Map([["CASE:a", failedNode]]),
  edges: [],
  incomplete: true,
};

describe("GraphNotices", () => {
  it("says how much the cap left out and offers to show more", async () => {
    const onRaiseCap = vi.fn();
    render(
      <GraphNotices
        demo={false}
        urlNotices={[]}
        rel={null}
        present={new Set()}
        selected={null}
        settled
        stats={stats}
        snapshot={{ ...snapshot, nodes: new Map() }}
        cap={500}
        onRetryAll={() => {}}
        onRaiseCap={onRaiseCap}
      />,
    );
    expect(screen.getByText(/42 more entities are linked but not/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Show up to 1000" }));
    expect(onRaiseCap).toHaveBeenCalledTimes(1);
  });

  it("names why the graph is incomplete and retries every failed lookup", async () => {
    const onRetryAll = vi.fn();
    render(
      <GraphNotices
        demo
        urlNotices={["Ignored depth=99: depth must be a whole number from 1 to 10."]}
        rel={null}
        present={new Set()}
        selected={null}
        settled
        stats={{ ...stats, failed: 1, leftOut: 0 }}
        snapshot={snapshot}
        cap={500}
        onRetryAll={onRetryAll}
        onRaiseCap={undefined}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Datadog is rate limiting lookups");
    expect(screen.getByRole("note")).toHaveTextContent("Demo data");
    expect(screen.getByText(/Ignored depth=99/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Retry failed" }));
    expect(onRetryAll).toHaveBeenCalledTimes(1);
  });

  it("names a relationship of the URL the graph does not hold, once every lookup answered", () => {
    const props = {
      demo: false,
      urlNotices: [],
      rel: ["BLOCKS", "FOO"],
      present: new Set(["BLOCKS", "CAUSES"]),
      selected: null,
      settled: true,
      snapshot: { ...snapshot, nodes: new Map() },
      cap: 500,
      onRetryAll: () => {},
      onRaiseCap: undefined,
    };
    const { rerender } = render(<GraphNotices {...props} stats={{ ...stats, pending: 3 }} />);
    expect(screen.queryByText(/No relationship/)).not.toBeInTheDocument();
    rerender(<GraphNotices {...props} stats={{ ...stats, pending: 0 }} />);
    expect(screen.getByText(/No relationship FOO in this graph/)).toBeInTheDocument();
    expect(screen.queryByText(/BLOCKS in this graph/)).not.toBeInTheDocument();
  });

  it("says what a partly valid rel really shows: the valid types, not the default", () => {
    const { state, notices } = parseViewState(new URLSearchParams("rel=BLOCKS,foo"));
    render(
      <GraphNotices
        demo={false}
        urlNotices={notices}
        rel={state.rel}
        present={new Set(["BLOCKS"])}
        selected={null}
        settled
        stats={{ ...stats, leftOut: 0 }}
        snapshot={{ ...snapshot, nodes: new Map() }}
        cap={500}
        onRetryAll={() => {}}
        onRaiseCap={undefined}
      />,
    );
    expect(screen.getByRole("status")).toHaveTextContent(
      /^Ignored rel=foo: rel must list relationship types such as BLOCKS or CAUSES, in capitals\. Showing BLOCKS only\.$/,
    );
  });

  it("names a selected entity the graph does not hold, only once the graph has settled", () => {
    const props = {
      demo: false,
      urlNotices: [],
      rel: null,
      present: new Set<string>(),
      selected: "nope",
      stats: { ...stats, leftOut: 0 },
      snapshot,
      cap: 500,
      onRetryAll: () => {},
      onRaiseCap: undefined,
    };
    const { rerender } = render(<GraphNotices {...props} settled={false} />);
    expect(screen.queryByText(/selected=/)).not.toBeInTheDocument();
    rerender(<GraphNotices {...props} settled />);
    expect(screen.getByRole("status")).toHaveTextContent(
      "Ignored selected=nope: no entity with this id is in the graph. No entity is selected.",
    );
    rerender(<GraphNotices {...props} selected="a" settled />);
    expect(screen.queryByText(/selected=/)).not.toBeInTheDocument();
    // A failed lookup may be the one that would have brought it: nothing is said then.
    rerender(<GraphNotices {...props} settled stats={{ ...stats, leftOut: 0, failed: 1 }} />);
    expect(screen.queryByText(/selected=/)).not.toBeInTheDocument();
  });
});
