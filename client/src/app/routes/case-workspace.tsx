import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useConfig } from "../../features/graph/api/get-config";
import { useExpansion } from "../../features/graph/api/use-expansion";
import type { CanvasApi } from "../../features/graph/canvas/canvas-types";
import { stepsAlong } from "../../features/graph/canvas/highlight-steps";
import { LazyGraphCanvas as GraphCanvas } from "../../features/graph/canvas/lazy-graph-canvas";
import { depthView, expansionPathTo } from "../../features/graph/model/depth-view";
import { DetailsPanel } from "../../features/graph/panels/details-panel";
import { LegendFilter } from "../../features/graph/panels/legend-filter";
import { NodeKeyLegend } from "../../features/graph/panels/node-key";
import { SearchBox } from "../../features/graph/panels/search-box";
import { StatusBar } from "../../features/graph/panels/status-bar";
import { TableView } from "../../features/graph/panels/table-view";
import { Toolbar } from "../../features/graph/panels/toolbar";
import { analyze } from "../../features/insights/analysis/analyze";
import { findBlockers } from "../../features/insights/analysis/blockers";
import { findRootCauses } from "../../features/insights/analysis/root-causes";
import { BlockerFactsLine } from "../../features/insights/blocker-facts-line";
import { clearOrderChecklist } from "../../features/insights/checklist/clear-order-checklist";
import { ClearOrderActions } from "../../features/insights/clear-order-actions";
import { type Highlight, InsightsPanel } from "../../features/insights/insights-panel";
import { WhatIfNote } from "../../features/insights/what-if-note";
import { useUnchangedSnapshot } from "../../features/live/use-live-changes";
import type { FrozenGraph } from "../../features/snapshot/snapshot-codec";
import { type GraphNode, type NodeKey, nodeKey } from "../../lib/graph-types";
import { collapseDuplicates, entityName, entityNameOf } from "../../lib/graph-vocabulary";
import { rememberRoot } from "../../lib/recent-roots";
import { MAX_CAP, parseViewState, serializeViewState, type ViewState } from "../../lib/url-state";
import { useThrottledValue } from "../../lib/use-throttled-value";
import { CollapsiblePanel } from "./collapsible-panel";
import { GraphNotices } from "./graph-notices";
import { LiveBar } from "./live-bar";
import { UnknownCase } from "./unknown-case";
import { useGraphExport } from "./use-graph-export";
import { useLiveView } from "./use-live-view";
import "./case-workspace.css";

const STREAMING_REDRAW_MS = 400;
/**
 * Under 1200 px (a 1024×768 laptop) the legend starts folded, so the opening view can show the
 * root, its open blockers and its cause chain at a readable zoom; it opens with one click.
 */
const LEGEND_FOLDED_BELOW_PX = 1200;

/** The graph of one root: URL state, expansion, canvas or table, details and insights. */
export function CaseWorkspace({
  rootId,
  frozen = null,
}: {
  rootId: string;
  /** The graph of a snapshot link, shown as it was instead of being looked up. */
  frozen?: FrozenGraph | null;
}) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const search = searchParams.toString();
  const { state: view, notices } = useMemo(
    () => parseViewState(new URLSearchParams(search)),
    [search],
  );
  const config = useConfig();
  const root = useMemo(() => ({ type: "CASE" as const, id: rootId }), [rootId]);
  const rootKey = nodeKey("CASE", rootId);
  // A snapshot link shows the graph it carries and looks nothing up.
  const expansion = useExpansion({
    root: frozen ? null : root,
    depth: view.depth,
    cap: view.cap,
    expanded: view.expand,
  });
  const { stats, expand, retry } = expansion;
  // A snapshot link's graph is complete from the start.
  const graphSettled = frozen !== null || expansion.settled;
  const snapshot = useUnchangedSnapshot(
    useMemo(
      () =>
        frozen?.snapshot ??
        expansion.snapshot ?? { rootKey, nodes: new Map(), edges: [], incomplete: true },
      [frozen, expansion.snapshot, rootKey],
    ),
  );
  const live = useLiveView({
    snapshot,
    settled: expansion.settled,
    live: frozen ? null : view.live,
    // The view the graph on screen was read for, not the one the URL now asks for: in the
    // render after a depth change the old, deeper graph is still shown, and taken as the new
    // view's first reading it would list everything past the new depth as no longer linked.
    viewKey: expansion.key ?? rootId,
    reread: expansion.reread,
    refresh: expansion.refresh,
  });
  const { refresh } = live;
  // While answers stream in, the views redraw a few times a second rather than every frame:
  // drawing thousands of nodes per frame would take the main thread from the lookups.
  const read = useThrottledValue(snapshot, stats.pending > 0 ? STREAMING_REDRAW_MS : 0);
  // Insights read everything the expansion read; the canvas and tables show only the depth.
  const analysed = useDeferredValue(read);
  const expandKey = view.expand.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list's contents are its identity.
  const expandedIds = useMemo(() => new Set(view.expand), [expandKey]);
  const { visible: shown } = useMemo(
    () => depthView(read, { depth: view.depth, expanded: expandedIds }),
    [read, view.depth, expandedIds],
  );
  const current = useMemo(
    () => depthView(snapshot, { depth: view.depth, expanded: expandedIds }),
    [snapshot, view.depth, expandedIds],
  );
  const insights = useMemo(() => analyze(analysed), [analysed]);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [copied, setCopied] = useState(false);
  const canvas = useRef<CanvasApi | null>(null);

  const setView = useCallback(
    (change: Partial<ViewState>) => {
      const next = serializeViewState({ ...view, ...change });
      // View changes replace the history entry; only a new root pushes one.
      // The hash is kept: on a snapshot link it holds the graph being looked at.
      navigate({ search: next.toString(), hash: window.location.hash }, { replace: true });
    },
    [view, navigate],
  );

  const selectedNode = useMemo(() => {
    if (!view.selected) return undefined;
    for (const node of snapshot.nodes.values()) if (node.id === view.selected) return node;
    return undefined;
  }, [view.selected, snapshot]);

  // Grouped duplicates are drawn as their original: a member is selected and shown there.
  const drawnKey = useMemo(() => {
    const originalOf = view.dup === "collapse" ? collapseDuplicates(snapshot).originalOf : null;
    return (key: NodeKey) => originalOf?.get(key) ?? key;
  }, [view.dup, snapshot]);

  const select = useCallback(
    (key: NodeKey | null, centre = false) => {
      const node = key ? snapshot.nodes.get(key) : undefined;
      setView({ selected: node?.id ?? null });
      if (node && centre) canvas.current?.center(drawnKey(node.key));
    },
    [snapshot, setView, drawnKey],
  );

  const expandNode = useCallback(
    (key: NodeKey) => {
      const node = snapshot.nodes.get(key);
      if (!node) return;
      expand(key);
      if (!view.expand.includes(node.id)) setView({ expand: [...view.expand, node.id] });
    },
    [snapshot, expand, view.expand, setView],
  );

  // Show, for an Insights entry past the depth: expand the way to it from what is shown.
  const showBeyond = useCallback(
    (key: NodeKey) => {
      const path = expansionPathTo(snapshot, new Set(current.visible.nodes.keys()), key);
      const ids = path.flatMap((step) => snapshot.nodes.get(step)?.id ?? []);
      const next = [...view.expand, ...ids.filter((id) => !view.expand.includes(id))];
      setView({ expand: next, selected: snapshot.nodes.get(key)?.id ?? view.selected });
    },
    [snapshot, current, view.expand, view.selected, setView],
  );

  const makeRoot = useCallback(
    (node: GraphNode) => {
      const params = serializeViewState({ ...view, selected: null, expand: [] });
      const query = params.toString();
      navigate(`/cases/${node.id}${query ? `?${query}` : ""}`);
    },
    [navigate, view],
  );

  const rootNode = snapshot.nodes.get(rootKey);
  const rootLabel = rootNode?.label;
  useEffect(() => {
    if (!rootLabel) return;
    document.title = `${rootLabel.key ?? "Case"}: ${rootLabel.title ?? rootLabel.id} · casegraph`;
    rememberRoot({
      id: rootId,
      ...(rootLabel.key ? { key: rootLabel.key } : {}),
      ...(rootLabel.title ? { title: rootLabel.title } : {}),
    });
  }, [rootLabel, rootId]);

  const presentRelationships = useMemo(
    () => new Set(snapshot.edges.map((e) => e.relationship)),
    [snapshot],
  );
  const highlighted = useMemo(() => new Set(highlight?.keys ?? []), [highlight]);
  const highlightedSteps = useMemo(
    () =>
      highlight
        ? stepsAlong(highlight.keys, highlight.relationship, highlight.kind === "cycle")
        : undefined,
    [highlight],
  );
  // What the opening view must show: the root, what blocks it and what caused it.
  // Read from the data the canvas draws, not the deferred Insights, so both arrive together.
  const focus = useMemo(
    () =>
      new Set(
        [rootKey, ...findBlockers(read).open, ...findRootCauses(read).ancestors].map(drawnKey),
      ),
    [rootKey, read, drawnKey],
  );
  const canvasView = useMemo(
    () => ({
      rel: view.rel,
      dup: view.dup,
      layout: view.layout,
      highlighted,
      highlightedSteps,
      selected: selectedNode ? drawnKey(selectedNode.key) : null,
      focus,
      marks: live.marks,
      incremental: live.reading,
    }),
    [
      view.rel,
      view.dup,
      view.layout,
      highlighted,
      highlightedSteps,
      selectedNode,
      focus,
      drawnKey,
      live.marks,
      live.reading,
    ],
  );
  const drawn = useMemo(() => live.drawnFrom(shown), [live.drawnFrom, shown]);
  // What the canvas and the tables list: with duplicates grouped, each cluster counts once.
  const listed = useMemo(
    () => (view.dup === "collapse" ? collapseDuplicates(shown).snapshot : shown),
    [view.dup, shown],
  );
  // Exports hold what the view shows (the depth and what is expanded), as the tables list it,
  // not the chain Insights read past the depth.
  const exportGraph = useGraphExport({
    snapshot: current.visible,
    view,
    canvas,
    rootName: rootNode ? entityName(rootNode) : rootId,
  });

  const copyLink = useCallback(async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt("Copy this link", window.location.href);
    }
  }, []);

  if (rootNode?.labelStatus === "error" && rootNode.labelError?.status === 404) {
    return <UnknownCase id={rootId} reason="Datadog has no case with this id." />;
  }

  return (
    <div className="workspace">
      <header className="workspace__header">
        <a className="workspace__brand" href="/">
          casegraph
        </a>
        <h1 className="workspace__title">
          {rootNode ? entityName(rootNode) : "Case"}
          {rootLabel?.title && <span className="workspace__root-title"> {rootLabel.title}</span>}
        </h1>
      </header>
      <GraphNotices
        demo={config.data?.mode === "demo"}
        urlNotices={notices}
        rel={view.rel}
        present={presentRelationships}
        selected={view.selected}
        settled={graphSettled}
        stats={stats}
        snapshot={snapshot}
        cap={view.cap}
        onRaiseCap={
          view.cap < MAX_CAP ? () => setView({ cap: Math.min(view.cap * 2, MAX_CAP) }) : undefined
        }
        onRetryAll={() => {
          for (const node of snapshot.nodes.values()) {
            if (node.linksStatus === "error" || node.labelStatus === "error") retry(node.key);
          }
        }}
      />
      <Toolbar
        view={view}
        onViewChange={setView}
        search={<SearchBox snapshot={current.visible} onPick={(key) => select(key, true)} />}
        onFit={() => canvas.current?.fit()}
        // A snapshot looks nothing up, so there is nothing to refresh.
        onRefresh={frozen ? null : refresh}
        onCopyLink={copyLink}
        copied={copied}
        onExport={exportGraph}
      />
      <LiveBar
        live={live}
        interval={view.live}
        snapshot={snapshot}
        rootName={rootNode ? entityName(rootNode) : rootId}
        frozen={
          frozen
            ? {
                asOf: frozen.asOf,
                liveHref: `/cases/${rootId}${window.location.search}`,
              }
            : null
        }
        nameOf={(key) => entityNameOf(key, snapshot.nodes.get(key))}
        onSelect={(key) => select(key, true)}
      />
      <div className="workspace__body">
        <aside className="workspace__left">
          <CollapsiblePanel name="legend" side="left" foldedBelowPx={LEGEND_FOLDED_BELOW_PX}>
            <LegendFilter
              rel={view.rel}
              present={presentRelationships}
              onChange={(rel) => setView({ rel })}
            />
            <NodeKeyLegend />
          </CollapsiblePanel>
        </aside>
        <main className="workspace__main">
          {view.view === "graph" ? (
            <GraphCanvas
              snapshot={drawn}
              view={canvasView}
              settled={graphSettled && read === snapshot}
              onSelect={(key) => select(key)}
              onReady={(api) => {
                canvas.current = api;
              }}
            />
          ) : (
            <TableView
              snapshot={shown}
              rel={view.rel}
              dup={view.dup}
              selected={selectedNode?.key ?? null}
              onSelect={(key) => select(key)}
            />
          )}
        </main>
        <div className="workspace__right">
          {selectedNode && (
            <DetailsPanel
              node={selectedNode}
              snapshot={snapshot}
              isRoot={selectedNode.key === rootKey}
              onSelect={(key) => select(key, true)}
              onExpand={expandNode}
              onMakeRoot={makeRoot}
              onRetry={retry}
              onClose={() => select(null)}
            />
          )}
          {selectedNode && (
            <WhatIfNote
              snapshot={analysed}
              selected={selectedNode.key}
              onSelect={(key) => select(key, true)}
            />
          )}
          <CollapsiblePanel name="Insights" side="right">
            <InsightsPanel
              blockerFacts={(key) => (
                <BlockerFactsLine node={snapshot.nodes.get(key)} now={Date.now()} />
              )}
              clearOrderActions={
                <ClearOrderActions
                  checklist={() =>
                    clearOrderChecklist({
                      rootKey,
                      clearOrder: insights.clearOrder,
                      nodes: analysed.nodes,
                      asOf: live.updatedAt ?? Date.now(),
                    })
                  }
                />
              }
              insights={insights}
              nodes={snapshot.nodes}
              onSelect={(key) => select(key, true)}
              onHighlight={setHighlight}
              highlighted={highlight}
              beyond={{ depth: view.depth, keys: current.beyond, onShow: showBeyond }}
            />
          </CollapsiblePanel>
        </div>
      </div>
      <StatusBar
        // The counts of what is on screen, so the status never runs ahead of the drawing.
        entities={listed.nodes.size}
        links={listed.edges.length}
        ungrouped={
          listed === shown ? undefined : { entities: shown.nodes.size, links: shown.edges.length }
        }
        pending={stats.pending}
        failed={stats.failed}
        leftOut={stats.leftOut}
      />
    </div>
  );
}
