/** Saving and loading tensors and checkpoints in the safetensors format (torch.save / torch.load). */
export { save, load } from './save';
export { encodeSafetensors, decodeSafetensors } from './safetensors';
export type { SafetensorsContent } from './safetensors';
export { writeFileAtomic } from './atomic';
