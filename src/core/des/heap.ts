// Min-heap of (time, id) pairs for unit-free events; ties broken by id so runs are reproducible.

export interface EventHeap {
  size(): number;
  peekTime(): number;
  push(time: number, id: number): void;
  /** Removes the earliest event and returns its id. */
  pop(): number;
}

export function createEventHeap(): EventHeap {
  const times: number[] = [];
  const ids: number[] = [];
  // The DES's hottest code: reads are unchecked (non-null assertions) because less() and swap()
  // are only called with indices below times.length (= ids.length), which push and pop keep.
  const less = (i: number, j: number): boolean => {
    const ti = times[i]!;
    const tj = times[j]!;
    return ti < tj || (ti === tj && ids[i]! < ids[j]!);
  };
  const swap = (i: number, j: number): void => {
    const t = times[i]!;
    times[i] = times[j]!;
    times[j] = t;
    const id = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = id;
  };
  return {
    size: () => times.length,
    peekTime: () => times[0] ?? Infinity,
    push(time, id) {
      times.push(time);
      ids.push(id);
      let i = times.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(i, p)) break;
        swap(i, p);
        i = p;
      }
    },
    pop() {
      const top = ids[0];
      if (top === undefined) throw new RangeError('pop() su una coda di eventi vuota');
      const last = times.length - 1;
      swap(0, last);
      times.pop();
      ids.pop();
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < times.length && less(l, m)) m = l;
        if (r < times.length && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
      return top;
    },
  };
}
