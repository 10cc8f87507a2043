"""Detection core: decoding, onnxruntime inference, verification and image quality.

Nothing heavy happens at import: onnxruntime, OpenCV models and OCR load on first use.
"""
