/** A key/value pair: experiment tags, run tags and params all have this shape on the wire. */
export interface KeyValue {
  key: string;
  value: string;
}

export type Tag = KeyValue;
export type Param = KeyValue;
