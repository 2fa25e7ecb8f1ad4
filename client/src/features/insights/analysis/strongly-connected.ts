/**
 * Strongly connected components by Tarjan's algorithm, iterative so that a 5,000-node chain
 * cannot overflow the call stack. Components come out in reverse topological order of the
 * condensation: a component is emitted before any component that has an edge into it.
 */
export interface Components {
  /** Member indices of each component, ascending. */
  components: number[][];
  /** componentOf[node] = index into `components`. */
  componentOf: Int32Array;
}

export function stronglyConnected(out: readonly (readonly number[])[]): Components {
  const size = out.length;
  const index = new Int32Array(size).fill(-1);
  const lowLink = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const componentOf = new Int32Array(size).fill(-1);
  const stack: number[] = [];
  const components: number[][] = [];
  // Explicit DFS frames: the node and how far through its out-list we are.
  const frameNode: number[] = [];
  const frameEdge: number[] = [];
  let counter = 0;

  for (let start = 0; start < size; start++) {
    if (index[start] !== -1) continue;
    frameNode.push(start);
    frameEdge.push(0);
    index[start] = lowLink[start] = counter++;
    stack.push(start);
    onStack[start] = 1;

    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const node = frameNode[top] as number;
      const edges = out[node] ?? [];
      const edgeAt = frameEdge[top] as number;
      if (edgeAt < edges.length) {
        frameEdge[top] = edgeAt + 1;
        const next = edges[edgeAt] as number;
        if (index[next] === -1) {
          index[next] = lowLink[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          frameNode.push(next);
          frameEdge.push(0);
        } else if (onStack[next]) {
          lowLink[node] = Math.min(lowLink[node] as number, index[next] as number);
        }
        continue;
      }
      frameNode.pop();
      frameEdge.pop();
      const parent = frameNode[frameNode.length - 1];
      if (parent !== undefined) {
        lowLink[parent] = Math.min(lowLink[parent] as number, lowLink[node] as number);
      }
      if (lowLink[node] === index[node]) {
        const members: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          componentOf[member] = components.length;
          members.push(member);
        } while (member !== node);
        components.push(members.sort((a, b) => a - b));
      }
    }
  }
  return { components, componentOf };
}

/** A component is a cycle when it has several members or its single member links to itself. */
export function isCyclic(members: readonly number[], out: readonly (readonly number[])[]): boolean {
  if (members.length > 1) return true;
  const only = members[0];
  return only !== undefined && (out[only] ?? []).includes(only);
}
