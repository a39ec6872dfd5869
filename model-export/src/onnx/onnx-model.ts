import { ProtoWriter } from './protobuf-writer.ts';

/** ONNX TensorProto.DataType values used here. */
export const DataType = { float: 1, int64: 7, float16: 10 } as const;

export interface Initializer {
  name: string;
  dataType: number;
  dims: number[];
  /** Little-endian element bytes. */
  raw: Uint8Array;
}

export type Attribute = { name: string; int: number } | { name: string; ints: number[] };

export interface GraphNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Attribute[];
}

export interface ValueInfo {
  name: string;
  elemType: number;
  /** A number is a fixed size, a string a named dynamic dimension. */
  dims: Array<number | string>;
}

export interface OnnxGraph {
  name: string;
  nodes: GraphNode[];
  initializers: Initializer[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  opset: number;
  docString: string;
}

function writeValueInfo(w: ProtoWriter, info: ValueInfo): void {
  w.string(1, info.name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.int(1, info.elemType).message(2, (shape) => {
        for (const dim of info.dims) {
          shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
        }
      }),
    ),
  );
}

function writeNode(w: ProtoWriter, node: GraphNode, index: number): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, `${node.op}_${index}`).string(4, node.op);
  for (const attribute of node.attributes ?? []) {
    w.message(5, (a) => {
      a.string(1, attribute.name);
      // AttributeProto.type: INT = 2, INTS = 7.
      if ('int' in attribute) a.int(3, attribute.int).int(20, 2);
      else {
        for (const value of attribute.ints) a.int(8, value);
        a.int(20, 7);
      }
    });
  }
}

/** Serialises a ModelProto (IR version 8). */
export function encodeModel(graph: OnnxGraph, producerVersion: string): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, 8).string(2, 'polarity-model-export').string(3, producerVersion);
  w.message(7, (g) => {
    graph.nodes.forEach((node, index) => {
      g.message(1, (n) => writeNode(n, node, index));
    });
    g.string(2, graph.name);
    for (const init of graph.initializers) {
      g.message(5, (t) => {
        for (const dim of init.dims) t.int(1, dim);
        t.int(2, init.dataType).string(8, init.name).bytes(9, init.raw);
      });
    }
    g.string(10, graph.docString);
    for (const input of graph.inputs) g.message(11, (v) => writeValueInfo(v, input));
    for (const output of graph.outputs) g.message(12, (v) => writeValueInfo(v, output));
  });
  w.message(8, (o) => o.string(1, '').int(2, graph.opset));
  return w.finish();
}
