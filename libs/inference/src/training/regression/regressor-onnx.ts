import { onnx } from 'onnx-proto';
import { TreeEnsembleModel } from '../../models/tree-ensemble-model';
import {
  ONNX_ML_DOMAIN,
  OnnxModelInfo,
  encodeOnnxModel,
  float32Initializer,
  float32ValueInfo,
  floatAttribute,
  floatsAttribute,
  graphNode,
  int64Initializer,
  int64ScalarInitializer,
  intAttribute,
  stringValueInfo,
  stringsAttribute,
} from '../../onnx-writer/onnx-graph';
import { treeEnsembleRegressorNode } from '../../onnx-writer/tree-ensemble-onnx';
import { LinearRegressorFit } from './linear-regression';
import {
  CATEGORICAL_INPUT,
  FeatureLayout,
  NUMERIC_INPUT,
  OrdinalEncoding,
  PREDICTION_OUTPUT,
} from './model-features';

const BATCH = 'batch';

interface GraphParts {
  nodes: onnx.INodeProto[];
  initializers: onnx.ITensorProto[];
}

function graphInputs(layout: FeatureLayout): onnx.IValueInfoProto[] {
  const inputs: onnx.IValueInfoProto[] = [];
  if (layout.numeric.length > 0)
    inputs.push(float32ValueInfo(NUMERIC_INPUT, [BATCH, layout.numeric.length]));
  if (layout.categorical.length > 0) {
    inputs.push(stringValueInfo(CATEGORICAL_INPUT, [BATCH, layout.categorical.length]));
  }
  return inputs;
}

/** Concatenates float pieces along axis 1 (or passes a single piece through). */
function concatenated(parts: GraphParts, pieces: string[], output: string): string {
  if (pieces.length === 1) return pieces[0];
  parts.nodes.push(
    graphNode('Concat', pieces, [output], { attributes: [intAttribute('axis', 1)] }),
  );
  return output;
}

function encode(parts: GraphParts, layout: FeatureLayout, info: OnnxModelInfo): Uint8Array {
  return encodeOnnxModel(
    {
      name: 'realty_regressor',
      nodes: parts.nodes,
      inputs: graphInputs(layout),
      outputs: [float32ValueInfo(PREDICTION_OUTPUT, [BATCH, 1])],
      initializers: parts.initializers,
    },
    info,
  );
}

/**
 * Trees behind ordinal encoders: each categorical column is gathered from the string input and
 * mapped by a LabelEncoder to its code (an unknown or empty category → NaN, which follows the
 * split's missing-value branch), then concatenated after the numeric columns.
 */
export function buildTreeRegressorOnnx(
  layout: FeatureLayout,
  encodings: readonly OrdinalEncoding[],
  model: TreeEnsembleModel,
  info: OnnxModelInfo,
): Uint8Array {
  const parts: GraphParts = { nodes: [], initializers: [] };
  const pieces: string[] = layout.numeric.length > 0 ? [NUMERIC_INPUT] : [];
  encodings.forEach((encoding, j) => {
    parts.initializers.push(int64Initializer(`categorical_${j}_index`, [j]));
    parts.nodes.push(
      graphNode('Gather', [CATEGORICAL_INPUT, `categorical_${j}_index`], [`categorical_${j}`], {
        attributes: [intAttribute('axis', 1)],
      }),
    );
    parts.nodes.push(
      graphNode('LabelEncoder', [`categorical_${j}`], [`categorical_${j}_code`], {
        domain: ONNX_ML_DOMAIN,
        attributes: [
          stringsAttribute('keys_strings', encoding.categories),
          floatsAttribute(
            'values_floats',
            encoding.categories.map((_, code) => code),
          ),
          floatAttribute('default_float', NaN),
        ],
      }),
    );
    pieces.push(`categorical_${j}_code`);
  });
  const features = concatenated(parts, pieces, 'features');
  parts.nodes.push(treeEnsembleRegressorNode(model, features, PREDICTION_OUTPUT));
  return encode(parts, layout, info);
}

/**
 * Linear model: numeric columns through an Imputer (NaN → training mean) and standardisation,
 * categorical columns through OneHotEncoders (unknown → all zeros), then one Gemm.
 */
export function buildLinearRegressorGraphOnnx(
  layout: FeatureLayout,
  fit: LinearRegressorFit,
  info: OnnxModelInfo,
): Uint8Array {
  const parts: GraphParts = { nodes: [], initializers: [] };
  const pieces: string[] = [];
  const weights: number[] = [];
  if (layout.numeric.length > 0) {
    const width = layout.numeric.length;
    parts.nodes.push(
      graphNode('Imputer', [NUMERIC_INPUT], ['numeric_imputed'], {
        domain: ONNX_ML_DOMAIN,
        attributes: [
          floatsAttribute('imputed_value_floats', [...fit.numericMean]),
          floatAttribute('replaced_value_float', NaN),
        ],
      }),
    );
    parts.initializers.push(float32Initializer('numeric_mean', fit.numericMean, [width]));
    parts.initializers.push(float32Initializer('numeric_std', fit.numericStd, [width]));
    parts.nodes.push(graphNode('Sub', ['numeric_imputed', 'numeric_mean'], ['numeric_centered']));
    parts.nodes.push(
      graphNode('Div', ['numeric_centered', 'numeric_std'], ['numeric_standardized']),
    );
    pieces.push('numeric_standardized');
    weights.push(...fit.numericCoefficients);
  }
  fit.categories.forEach((categories, j) => {
    if (categories.length === 0) return;
    parts.initializers.push(int64ScalarInitializer(`categorical_${j}_index`, j));
    parts.nodes.push(
      graphNode('Gather', [CATEGORICAL_INPUT, `categorical_${j}_index`], [`categorical_${j}`], {
        attributes: [intAttribute('axis', 1)],
      }),
    );
    parts.nodes.push(
      graphNode('OneHotEncoder', [`categorical_${j}`], [`categorical_${j}_onehot`], {
        domain: ONNX_ML_DOMAIN,
        attributes: [stringsAttribute('cats_strings', categories), intAttribute('zeros', 1)],
      }),
    );
    pieces.push(`categorical_${j}_onehot`);
    weights.push(...fit.categoricalCoefficients[j]);
  });
  if (pieces.length === 0) throw new Error('linear regression: no encoded feature to export');
  const encoded = concatenated(parts, pieces, 'encoded');
  parts.initializers.push(float32Initializer('coefficients', weights, [1, weights.length]));
  parts.initializers.push(float32Initializer('intercept', [fit.intercept], [1]));
  parts.nodes.push(
    graphNode('Gemm', [encoded, 'coefficients', 'intercept'], [PREDICTION_OUTPUT], {
      attributes: [intAttribute('transB', 1)],
    }),
  );
  return encode(parts, layout, info);
}
