/** torch.nn.functional. */
export * from './activation';
export * from './conv';
export * from './dropout';
export * from './linear';
export * from './loss';
export * from './loss_margin';
export * from './loss_regression';
export * from './ctc_loss';
export * from './fractional_pool';
export * from './distance';
export * from './embedding';
export * from './embedding_bag';
export * from './pixel_shuffle';
export * from './interpolate';
export * from './lp_pool';
export * from './bilinear';
export * from './fold';
export * from './normalization';
export * from './norm_layers';
export * from './pooling';
export * from './rnn';
export * from './rnn_cell';
export * from './attention';
export { pad } from '@cresset/autograd';
/** F.flatten is torch.flatten. */
export { flatten } from './shape';
