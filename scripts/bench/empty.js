// Stands for model-viewer's decoder script: the page imported the decoder as a module.
