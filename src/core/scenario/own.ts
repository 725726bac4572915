// Own-property lookup for records keyed by data (Ambito codes, ISTAT codes, ids). A plain
// `obj[key]` with key "constructor", "toString" or "__proto__" returns what Object.prototype
// inherits, so a hostile file could make an unknown code look known: always look up with this.
export function own<T>(o: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
