import { onnx } from 'onnx-proto';
import { TreeEnsembleModel, validateTreeEnsemble } from '../models/tree-ensemble-model';
import {
  ONNX_ML_DOMAIN,
  OnnxModelInfo,
  encodeOnnxModel,
  float32ValueInfo,
  floatsAttribute,
  graphNode,
  intAttribute,
  intsAttribute,
  stringAttribute,
  stringsAttribute,
} from './onnx-graph';

export interface TreeEnsembleOnnxOptions extends OnnxModelInfo {
  /** Graph input name (default `input`), float32 [batch, nFeatures]. */
  inputName?: string;
  /** Graph output name (default `prediction`), float32 [batch, nTargets]. */
  outputName?: string;
  batchDim?: string;
  graphName?: string;
}

/** The flat, parallel attribute arrays of ai.onnx.ml TreeEnsembleRegressor. */
interface TreeEnsembleAttributes {
  treeIds: number[];
  nodeIds: number[];
  featureIds: number[];
  modes: string[];
  values: number[];
  trueIds: number[];
  falseIds: number[];
  missingTracksTrue: number[];
  targetTreeIds: number[];
  targetNodeIds: number[];
  targetIds: number[];
  targetWeights: number[];
}

function flattenTrees(model: TreeEnsembleModel): TreeEnsembleAttributes {
  const a: TreeEnsembleAttributes = {
    treeIds: [],
    nodeIds: [],
    featureIds: [],
    modes: [],
    values: [],
    trueIds: [],
    falseIds: [],
    missingTracksTrue: [],
    targetTreeIds: [],
    targetNodeIds: [],
    targetIds: [],
    targetWeights: [],
  };
  model.trees.forEach((tree, treeId) => {
    tree.nodes.forEach((node, nodeId) => {
      a.treeIds.push(treeId);
      a.nodeIds.push(nodeId);
      if (node.kind === 'split') {
        a.featureIds.push(node.feature);
        a.modes.push('BRANCH_LEQ');
        a.values.push(node.threshold);
        a.trueIds.push(node.left);
        a.falseIds.push(node.right);
        a.missingTracksTrue.push(node.missingGoesLeft ? 1 : 0);
        return;
      }
      a.featureIds.push(0);
      a.modes.push('LEAF');
      a.values.push(0);
      a.trueIds.push(0);
      a.falseIds.push(0);
      a.missingTracksTrue.push(0);
      node.values.forEach((weight, targetId) => {
        a.targetTreeIds.push(treeId);
        a.targetNodeIds.push(nodeId);
        a.targetIds.push(targetId);
        a.targetWeights.push(weight);
      });
    });
  });
  return a;
}

/**
 * The ai.onnx.ml TreeEnsembleRegressor node of an ensemble (aggregate SUM, post_transform NONE,
 * every split BRANCH_LEQ), reading float32 [batch, nFeatures] from `inputName`. For graphs that
 * put encoders in front of the trees.
 */
export function treeEnsembleRegressorNode(
  model: TreeEnsembleModel,
  inputName: string,
  outputName: string,
): onnx.INodeProto {
  validateTreeEnsemble(model);
  const a = flattenTrees(model);
  return graphNode('TreeEnsembleRegressor', [inputName], [outputName], {
    name: 'tree_ensemble',
    domain: ONNX_ML_DOMAIN,
    attributes: [
      stringAttribute('aggregate_function', 'SUM'),
      floatsAttribute('base_values', model.baseValues ?? new Array<number>(model.nTargets).fill(0)),
      intAttribute('n_targets', model.nTargets),
      intsAttribute('nodes_falsenodeids', a.falseIds),
      intsAttribute('nodes_featureids', a.featureIds),
      intsAttribute('nodes_missing_value_tracks_true', a.missingTracksTrue),
      stringsAttribute('nodes_modes', a.modes),
      intsAttribute('nodes_nodeids', a.nodeIds),
      intsAttribute('nodes_treeids', a.treeIds),
      intsAttribute('nodes_truenodeids', a.trueIds),
      floatsAttribute('nodes_values', a.values),
      stringAttribute('post_transform', 'NONE'),
      intsAttribute('target_ids', a.targetIds),
      intsAttribute('target_nodeids', a.targetNodeIds),
      intsAttribute('target_treeids', a.targetTreeIds),
      floatsAttribute('target_weights', a.targetWeights),
    ],
  });
}

/**
 * Writes a tree ensemble as one ai.onnx.ml TreeEnsembleRegressor (opset 3), aggregate SUM,
 * post_transform NONE, every split BRANCH_LEQ. Thresholds are stored as float32 and compared
 * against float32 inputs: round them with `roundThresholdsForFloat32` against the training
 * rows first so no training row changes branch.
 */
export function buildTreeEnsembleOnnx(
  model: TreeEnsembleModel,
  options: TreeEnsembleOnnxOptions = {},
): Uint8Array {
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? 'prediction';
  const batchDim = options.batchDim ?? 'batch';
  const node = treeEnsembleRegressorNode(model, inputName, outputName);
  return encodeOnnxModel(
    {
      name: options.graphName ?? 'tree_ensemble_regressor',
      nodes: [node],
      inputs: [float32ValueInfo(inputName, [batchDim, model.nFeatures])],
      outputs: [float32ValueInfo(outputName, [batchDim, model.nTargets])],
      initializers: [],
    },
    options,
  );
}
