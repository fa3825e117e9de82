/** The models the command line knows by name (`--model lenet`), as torchvision.models. */
export { LeNet } from './lenet';
export type { LeNetOptions } from './lenet';
