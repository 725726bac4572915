// Fill patterns drawn in code: the style needs no sprite, so the map works with no network.

/** Diagonal hatch, RGBA, `size`×`size` pixels, tiling seamlessly. */
export function hatch(size: number, rgba: [number, number, number, number], width = 1.5, reverse = false): ImageData {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Distance to the nearest diagonal line x + y ≡ 0 (mod size), wrapped so the tile repeats.
      const d = ((reverse ? x - y + size : x + y) % size);
      const dist = Math.min(d, size - d);
      const alpha = Math.max(0, Math.min(1, width - dist + 0.5));
      const o = (y * size + x) * 4;
      data[o] = rgba[0];
      data[o + 1] = rgba[1];
      data[o + 2] = rgba[2];
      data[o + 3] = Math.round(rgba[3] * alpha);
    }
  }
  return new ImageData(data, size, size);
}
