export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** Adam (Kingma & Ba) over a fixed list of parameter arrays, updated in place. */
export class AdamOptimizer {
  private readonly firstMoments: Float64Array[];
  private readonly secondMoments: Float64Array[];
  // beta^t kept as running products, so no Math.pow is involved.
  private beta1Power = 1;
  private beta2Power = 1;

  constructor(
    private readonly parameters: readonly Float64Array[],
    private readonly settings: AdamSettings,
  ) {
    this.firstMoments = parameters.map((p) => new Float64Array(p.length));
    this.secondMoments = parameters.map((p) => new Float64Array(p.length));
  }

  /** One update with `gradients` shaped like the parameters. */
  step(gradients: readonly Float64Array[]): void {
    const { learningRate, beta1, beta2, epsilon } = this.settings;
    this.beta1Power *= beta1;
    this.beta2Power *= beta2;
    const stepSize = learningRate / (1 - this.beta1Power);
    const secondCorrection = 1 - this.beta2Power;
    this.parameters.forEach((parameter, p) => {
      const gradient = gradients[p];
      const m = this.firstMoments[p];
      const v = this.secondMoments[p];
      for (let k = 0; k < parameter.length; k++) {
        m[k] = beta1 * m[k] + (1 - beta1) * gradient[k];
        v[k] = beta2 * v[k] + (1 - beta2) * gradient[k] * gradient[k];
        parameter[k] -= (stepSize * m[k]) / (Math.sqrt(v[k] / secondCorrection) + epsilon);
      }
    });
  }
}
