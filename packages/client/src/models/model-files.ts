/** One file of a model directory, relative to its root. */
export interface ModelFile {
  path: string;
  bytes: Uint8Array;
}

/** What a flavor writes: its files and its entries in MLmodel's `flavors`. */
export interface FlavorOutput {
  files: ModelFile[];
  flavors: Record<string, Record<string, unknown>>;
}

export const encodeText = (text: string): Uint8Array => new TextEncoder().encode(text);
