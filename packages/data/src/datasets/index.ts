/** Datasets that read real formats from a folder, and the embedded synthetic one. */
export { ImageDataset } from './image_dataset';
export type { ImageDatasetOptions } from './image_dataset';
export { CIFAR10, CIFAR100, CIFAR10_CLASSES } from './cifar';
export { MNIST, FashionMNIST, readIdx } from './mnist';
export { ensureSyntheticCifar, SYNTHETIC_CLASSES } from './synthetic';
export { readBytes } from './files';
export { ImageFolder } from './image_folder';
export { decodeImage, IMAGE_EXTENSIONS } from './image_decode';
export type { RgbImage } from './image_decode';
