// The waiting calls of one PIS: one FIFO per priority (0 = emergency, 1 = urgency), served
// highest priority first, first come first served within a priority. Arrays with a moving head:
// no shifting, O(1) per operation.

export class PriorityFifo {
  private readonly items: number[][];
  private readonly head: number[];

  constructor(levels = 2) {
    this.items = Array.from({ length: levels }, () => []);
    this.head = new Array<number>(levels).fill(0);
  }

  push(call: number, priority: number): void {
    this.items[Math.min(Math.max(0, priority), this.items.length - 1)].push(call);
  }

  /** The call to serve next, or -1. */
  peek(): number {
    for (let l = 0; l < this.items.length; l++) if (this.head[l] < this.items[l].length) return this.items[l][this.head[l]];
    return -1;
  }

  /** Removes and returns the call to serve next, or -1. */
  shift(): number {
    for (let l = 0; l < this.items.length; l++) if (this.head[l] < this.items[l].length) return this.items[l][this.head[l]++];
    return -1;
  }

  get length(): number {
    let n = 0;
    for (let l = 0; l < this.items.length; l++) n += this.items[l].length - this.head[l];
    return n;
  }
}

/**
 * A call's last mile inside its comune when its position is random: uniform over a disc, the
 * distance from the centre is R√U, whose mean is 2R/3 — the model's mean last mile. So the
 * sampled minutes are meanMin × 1.5 × √U: same mean, a spread instead of one value.
 */
export function sampledLastMileMin(meanMin: number, u: number): number {
  return meanMin * 1.5 * Math.sqrt(u);
}
