/**
 * metrics.svg through vega-lite: train and test loss (left axis) and test accuracy (right axis)
 * per epoch, with a title, the run's name and settings, axis titles and a legend.
 */
import * as vega from 'vega';
import { compile, TopLevelSpec } from 'vega-lite';
import type { EpochMetrics } from './metrics';

/** What the plot says about the run besides its numbers. */
export interface PlotLabels {
  /** The title, e.g. "lenet on synthetic". */
  title: string;
  /** The run's name and settings, under the title. */
  run: string;
}

const SERIES = ['train loss', 'test loss', 'test accuracy'];
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c'];

/** The vega-lite specification of the plot. */
export function metricsSpec(rows: EpochMetrics[], labels: PlotLabels): TopLevelSpec {
  const values = rows.flatMap((m) => [
    { epoch: m.epoch, series: SERIES[0], value: m.trainLoss },
    { epoch: m.epoch, series: SERIES[1], value: m.testLoss },
    { epoch: m.epoch, series: SERIES[2], value: m.testAccuracy },
  ]);
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: SERIES, range: COLORS }, legend: { orient: 'bottom' } } as const;
  // ticks on whole epochs: each one when there are few, the scale's own (whole at that range) otherwise
  const epochs = rows.map((m) => m.epoch);
  const axis = epochs.length <= 12 ? { values: epochs, format: 'd' } : { tickMinStep: 1, format: 'd' };
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', axis, scale: { domainMin: 1 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: labels.title, subtitle: labels.run },
    width: 640,
    height: 300,
    background: 'white',
    data: { values },
    layer: [
      {
        transform: [{ filter: `datum.series !== '${SERIES[2]}'` }],
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'value', type: 'quantitative', title: 'loss (cross-entropy)', scale: { zero: false } }, color },
      },
      {
        transform: [{ filter: `datum.series === '${SERIES[2]}'` }],
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'value', type: 'quantitative', title: 'test accuracy', axis: { orient: 'right', format: '.0%' }, scale: { domain: [0, 1] } }, color },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

/** The plot of a run's metrics as an SVG document. */
export async function plotMetrics(rows: EpochMetrics[], labels: PlotLabels): Promise<string> {
  const view = new vega.View(vega.parse(compile(metricsSpec(rows, labels)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
