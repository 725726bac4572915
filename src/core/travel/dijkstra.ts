// Shortest paths over the comune adjacency graph with a binary heap (lazy deletion). The graph is
// stored as CSR arrays so one run over 1,500 comuni is a fraction of a millisecond.

export interface WeightedGraph {
  /** offsets[i]..offsets[i+1] index the neighbours of node i in `targets`/`weights`. */
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

export function buildGraph(adjacency: number[][], weight: (i: number, j: number) => number): WeightedGraph {
  const n = adjacency.length;
  const offsets = new Int32Array(n + 1);
  let m = 0;
  for (const [i, neighbours] of adjacency.entries()) {
    offsets[i] = m;
    m += neighbours.length;
  }
  offsets[n] = m;
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  // Edges in node order, so edge e of node i is offsets[i] + its rank among i's neighbours.
  let e = 0;
  for (const [i, neighbours] of adjacency.entries()) {
    for (const j of neighbours) {
      targets[e] = j;
      weights[e] = weight(i, j);
      e++;
    }
  }
  return { offsets, targets, weights };
}

/**
 * Minutes (or whatever the weights are) from `source` to every node; Infinity when unreachable.
 * The inner loops read without checks (non-null assertions): heap slots are read only below
 * `size` (≤ cap, the arrays' length), edge indices lie in [offsets[u], offsets[u + 1]) ⊂ [0, m),
 * and every node index (source, targets, heap nodes) is < n — buildGraph makes the graph so.
 */
export function dijkstra(g: WeightedGraph, source: number): Float64Array {
  const n = g.offsets.length - 1;
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  // Heap of (key, node) pairs; a node may appear more than once (lazy deletion).
  let cap = Math.max(16, n);
  let keys = new Float64Array(cap);
  let nodes = new Int32Array(cap);
  let size = 0;
  const push = (key: number, node: number): void => {
    if (size === cap) {
      cap *= 2;
      const k2 = new Float64Array(cap);
      k2.set(keys);
      keys = k2;
      const n2 = new Int32Array(cap);
      n2.set(nodes);
      nodes = n2;
    }
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      keys[i] = pk;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  };
  const pop = (): number => {
    const top = nodes[0]!;
    const lastKey = keys[--size]!;
    const lastNode = nodes[size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && keys[c + 1]! < keys[c]!) c++;
      const ck = keys[c]!;
      if (ck >= lastKey) break;
      keys[i] = ck;
      nodes[i] = nodes[c]!;
      i = c;
    }
    keys[i] = lastKey;
    nodes[i] = lastNode;
    return top;
  };
  dist[source] = 0;
  push(0, source);
  while (size > 0) {
    const u = pop();
    if (done[u]) continue;
    done[u] = 1;
    const du = dist[u]!;
    const end = g.offsets[u + 1]!;
    for (let e = g.offsets[u]!; e < end; e++) {
      const v = g.targets[e]!;
      const dv = du + g.weights[e]!;
      if (dv < dist[v]!) {
        dist[v] = dv;
        push(dv, v);
      }
    }
  }
  return dist;
}

/**
 * The `count` nearest nodes with accept[node] = 1 from `source` (itself included when accepted),
 * by a Dijkstra that stops as soon as they are settled, and the distance of the next accepted node
 * (beyond: every accepted node of the same connected part not returned is at least that far;
 * Infinity when there is none: nodes in other parts are the caller's business). A workspace is
 * reused between calls: one run touches only the nodes it reaches, not the whole graph.
 */
export function createNearestSearch(g: WeightedGraph): (source: number, count: number, accept: Uint8Array) => { nodes: Int32Array; dist: Float64Array; beyond: number } {
  const n = g.offsets.length - 1;
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const touched = new Int32Array(n);
  let cap = 64;
  let keys = new Float64Array(cap);
  let heapNodes = new Int32Array(cap);
  return (source, count, accept) => {
    let nt = 0;
    let size = 0;
    const push = (key: number, node: number): void => {
      if (size === cap) {
        cap *= 2;
        const k2 = new Float64Array(cap);
        k2.set(keys);
        keys = k2;
        const n2 = new Int32Array(cap);
        n2.set(heapNodes);
        heapNodes = n2;
      }
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (keys[parent] <= key) break;
        keys[i] = keys[parent];
        heapNodes[i] = heapNodes[parent];
        i = parent;
      }
      keys[i] = key;
      heapNodes[i] = node;
    };
    const pop = (): number => {
      const top = heapNodes[0];
      const lastKey = keys[--size];
      const lastNode = heapNodes[size];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= lastKey) break;
        keys[i] = keys[c];
        heapNodes[i] = heapNodes[c];
        i = c;
      }
      keys[i] = lastKey;
      heapNodes[i] = lastNode;
      return top;
    };
    const outNodes: number[] = [];
    const outDist: number[] = [];
    let beyond = Infinity;
    dist[source] = 0;
    touched[nt++] = source;
    push(0, source);
    while (size > 0) {
      const u = pop();
      if (done[u]) continue;
      done[u] = 1;
      const du = dist[u];
      if (accept[u]) {
        if (outNodes.length === count) {
          beyond = du;
          break;
        }
        outNodes.push(u);
        outDist.push(du);
      }
      for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
        const v = g.targets[e];
        const dv = du + g.weights[e];
        if (dv < dist[v]) {
          if (dist[v] === Infinity) touched[nt++] = v;
          dist[v] = dv;
          push(dv, v);
        }
      }
    }
    for (let t = 0; t < nt; t++) {
      dist[touched[t]] = Infinity;
      done[touched[t]] = 0;
    }
    return { nodes: Int32Array.from(outNodes), dist: Float64Array.from(outDist), beyond };
  };
}
