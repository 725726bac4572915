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
    // Stryker disable next-line EqualityOperator: two entries with the same time and the same id are the same event; which copy comes out first cannot be told apart
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
      // Stryker disable next-line EqualityOperator: at i = 0 the parent index is -1, times[-1] is undefined and less() is false, so the loop stops there anyway
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
        // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end times[l] is undefined and less() is false, so the bound only saves a read
        if (l < times.length && less(l, m)) m = l;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: as above for the right child
        if (r < times.length && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
      return top;
    },
  };
}
