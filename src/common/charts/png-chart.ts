import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem } from 'chart.js';

Chart.register(...registerables);

export interface PngChartSize {
  width: number;
  height: number;
}

/**
 * Renders a Chart.js configuration to a PNG on the server (Chart.js drawing on a @napi-rs/canvas surface).
 * Animation and responsiveness are switched off: one synchronous frame is drawn and encoded.
 */
export function renderPngChart(configuration: ChartConfiguration, size: PngChartSize): Buffer {
  const canvas = createCanvas(size.width, size.height);
  const background: ChartConfiguration['plugins'] = [
    {
      id: 'white-background',
      beforeDraw: (chart) => {
        const context = chart.ctx;
        context.save();
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, chart.width, chart.height);
        context.restore();
      },
    },
  ];
  const chart = new Chart(
    canvas.getContext('2d') as unknown as ChartItem,
    {
      ...configuration,
      plugins: [...(configuration.plugins ?? []), ...background],
      options: { ...configuration.options, responsive: false, animation: false },
    } as ChartConfiguration,
  );
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
