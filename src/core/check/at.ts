// Checked indexing for the core under noUncheckedIndexedAccess. An index the core computes itself
// (a comune index, a base index, a demand point) is an invariant, not an optional value: if it is
// out of range the layout or the territory is corrupt, and carrying `undefined` on into a sum or a
// comparison would produce a quiet wrong number. These throw instead, with the index and the length.

/** arr[i], or a RangeError when i is outside the array (or the slot holds undefined). */
export function at<T>(arr: ArrayLike<T>, i: number): T {
  const v = arr[i];
  if (v === undefined) throw new RangeError(`indice ${i} fuori dall'intervallo 0…${arr.length - 1}`);
  return v;
}

/** map.get(key), or a RangeError when the key is missing. */
export function got<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const v = map.get(key);
  if (v === undefined) throw new RangeError(`chiave ${String(key)} assente`);
  return v;
}
