/** The reference backend: plain TypeScript kernels, the oracle for every faster backend. */
import type { Backend } from '../backend';
import { convBackwardInput, convBackwardWeight, convForward } from './conv';
import { binary, unary, where } from './elementwise';
import { gather, scatterAdd } from './gather';
import { gatherAxis, scatterAxis } from './take';
import { gemm } from './gemm';
import { maxPool, maxPoolBackward, maxPoolWindows } from './pool';
import { channelSum, reduceAxis, scanAxis } from './reduce';
import { adaptiveAvgPool, adaptiveAvgPoolBackward, avgPoolBackward, avgPoolWindows } from './avg_pool';
import { col2im, im2col } from './im2col';
import { reduce } from './reduce';
import { channelNorm, channelNormBackward } from './normalize';
import { sgdUpdate } from './sgd';

export const referenceBackend: Backend = { name: 'reference', unary, binary, where, reduce, reduceAxis, scanAxis, gemm, im2col, col2im, gather, scatterAdd, gatherAxis, scatterAxis,
  convForward, convBackwardInput, convBackwardWeight, maxPool, maxPoolWindows, maxPoolBackward, channelSum, channelNorm, channelNormBackward, sgdUpdate,
  avgPoolWindows, avgPoolBackward, adaptiveAvgPool, adaptiveAvgPoolBackward };
