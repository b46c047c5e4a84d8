import { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { buildMlpOnnx } from '../onnx-writer/mlp-onnx';
import {
  encodeOnnxModel,
  float32Initializer,
  float32ValueInfo,
  graphNode,
} from '../onnx-writer/onnx-graph';
import { buildTreeEnsembleOnnx } from '../onnx-writer/tree-ensemble-onnx';
import { readOnnxMetadata } from './onnx-metadata';

describe('readOnnxMetadata', () => {
  it('reads producer, versions, opsets, signature and metadata_props written by the writer', () => {
    const bytes = buildMlpOnnx(
      {
        layers: [{ weights: [[1, 2, 3]], bias: [0], activation: 'identity' }],
        outputSigmoid: true,
      },
      {
        producerName: 'churn-trainer',
        producerVersion: '2.1.0',
        modelVersion: 7,
        docString: 'churn model',
        inputName: 'features',
        batchDim: 'n',
        metadata: {
          model_name: 'churn',
          feature_names: 'tenure,spend,tickets',
          class_names: 'stay,leave',
          training_data_sha256: 'ab12',
        },
      },
    );

    expect(readOnnxMetadata(bytes)).toEqual({
      irVersion: 8,
      producerName: 'churn-trainer',
      producerVersion: '2.1.0',
      domain: '',
      modelVersion: 7,
      docString: 'churn model',
      graphName: 'mlp',
      opsetImports: [{ domain: '', version: 17 }],
      inputs: [{ name: 'features', elementType: 'float32', shape: ['n', 3] }],
      outputs: [{ name: 'probability', elementType: 'float32', shape: ['n', 1] }],
      metadataProps: {
        model_name: 'churn',
        feature_names: 'tenure,spend,tickets',
        class_names: 'stay,leave',
        training_data_sha256: 'ab12',
      },
    });
  });

  it('leaves initializers listed as graph inputs out, and reports unnamed dims and non-tensor values', () => {
    const graph = {
      name: 'legacy',
      nodes: [graphNode('Add', ['x', 'bias'], ['y'])],
      inputs: [
        float32ValueInfo('x', ['', 4]),
        float32ValueInfo('bias', [4]),
        { name: 'extra', type: { sequenceType: { elemType: { tensorType: { elemType: 1 } } } } },
      ],
      outputs: [
        { name: 'y', type: { tensorType: { elemType: onnx.TensorProto.DataType.DOUBLE } } },
      ],
      initializers: [float32Initializer('bias', [1, 2, 3, 4], [4])],
    };
    const metadata = readOnnxMetadata(encodeOnnxModel(graph));

    expect(metadata.inputs).toEqual([
      { name: 'x', elementType: 'float32', shape: ['', 4] },
      { name: 'extra', elementType: null, shape: [] },
    ]);
    expect(metadata.outputs).toEqual([{ name: 'y', elementType: 'float64', shape: [] }]);
    expect(metadata.metadataProps).toEqual({});
    expect(metadata.producerName).toBe('ml-platform');
  });

  it('lists the ai.onnx.ml opset for tree ensembles', () => {
    const bytes = buildTreeEnsembleOnnx({
      nFeatures: 1,
      nTargets: 1,
      trees: [{ nodes: [{ kind: 'leaf', values: [3] }] }],
    });
    expect(readOnnxMetadata(bytes).opsetImports).toContainEqual({
      domain: 'ai.onnx.ml',
      version: 3,
    });
  });

  it('throws on bytes that are not an ONNX model', () => {
    expect(() => readOnnxMetadata(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow();
  });
});
