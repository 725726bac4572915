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
  const less = (i: number, j: number): boolean => times[i] < times[j] || (times[i] === times[j] && ids[i] < ids[j]);
  const swap = (i: number, j: number): void => {
    [times[i], times[j]] = [times[j], times[i]];
    [ids[i], ids[j]] = [ids[j], ids[i]];
  };
  return {
    size: () => times.length,
    peekTime: () => (times.length ? times[0] : Infinity),
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
