// The only runtime globals src/core may use beyond ECMAScript: web-platform APIs that browsers,
// their workers and Node (>= 20) all provide. Declared here, narrowly typed, for the core's own
// type-check (src/core/tsconfig.json: lib ES2023, no DOM, no Node types), so that a use of
// anything else — window, document, localStorage, HTMLElement, process, Buffer — fails to compile.
// Not part of the app's tsconfig, where lib.dom declares the full versions.

declare function setTimeout(callback: (...args: never[]) => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;

declare const performance: { now(): number };

declare function btoa(data: string): string;
declare function atob(data: string): string;

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

interface CorePlatformStreamWriter {
  write(chunk: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
}
interface CorePlatformStreamReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
interface CorePlatformTransform {
  readonly writable: { getWriter(): CorePlatformStreamWriter };
  readonly readable: { getReader(): CorePlatformStreamReader };
}
type CorePlatformCompression = 'deflate' | 'deflate-raw' | 'gzip';
declare class CompressionStream implements CorePlatformTransform {
  constructor(format: CorePlatformCompression);
  readonly writable: { getWriter(): CorePlatformStreamWriter };
  readonly readable: { getReader(): CorePlatformStreamReader };
}
declare class DecompressionStream implements CorePlatformTransform {
  constructor(format: CorePlatformCompression);
  readonly writable: { getWriter(): CorePlatformStreamWriter };
  readonly readable: { getReader(): CorePlatformStreamReader };
}
