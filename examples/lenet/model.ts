// The LeNet of the seed "Convolution in Practise" (../shared/seeds/001_bfc94394d59144ef.txt).
// Its one definition lives in the umbrella package (packages/cresset/src/models/lenet.ts), where
// the command line finds it by name (`--model lenet`); example scripts import it from here.
import * as torch from 'cresset';

export const LeNet = torch.models.LeNet;
export type LeNet = InstanceType<typeof torch.models.LeNet>;
export type LeNetOptions = torch.models.LeNetOptions;
