// The waiting calls of one PIS: one FIFO per priority (0 = emergency, 1 = urgency), served
// highest priority first, first come first served within a priority. Arrays with a moving head:
// no shifting, O(1) per operation.
import { at } from '../check/at.ts';

export class PriorityFifo {
  /** One FIFO per priority level: the calls and the index of the first still waiting. */
  private readonly levels: { items: number[]; head: number }[];

  constructor(levels = 2) {
    this.levels = Array.from({ length: levels }, () => ({ items: [], head: 0 }));
  }

  push(call: number, priority: number): void {
    at(this.levels, Math.min(Math.max(0, priority), this.levels.length - 1)).items.push(call);
  }

  /** The call to serve next, or -1. A level is empty when its head is past its last call. */
  peek(): number {
    for (const lv of this.levels) {
      const c = lv.items[lv.head];
      if (c !== undefined) return c;
    }
    return -1;
  }

  /** Removes and returns the call to serve next, or -1. */
  shift(): number {
    for (const lv of this.levels) {
      const c = lv.items[lv.head];
      if (c !== undefined) {
        lv.head++;
        return c;
      }
    }
    return -1;
  }

  get length(): number {
    let n = 0;
    for (const lv of this.levels) n += lv.items.length - lv.head;
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
