"""Writes tensors in the file format the tst_nn_* tests read (tests/core/nn_tensor_file.h).

Little-endian: b"SIEVEREF", uint32 count, then per tensor: uint32 name length, name (UTF-8),
uint32 rank, int64 dims[rank], float32 values.
"""
import struct

# The exit status that tells a test to skip itself: Python runs but lacks torch or torchvision.
SKIP = 77


def write_tensors(path, tensors):
    with open(path, "wb") as f:
        f.write(b"SIEVEREF")
        f.write(struct.pack("<I", len(tensors)))
        for name, t in tensors:
            t = t.detach().contiguous().float()
            encoded = name.encode()
            f.write(struct.pack("<I", len(encoded)))
            f.write(encoded)
            f.write(struct.pack("<I", t.dim()))
            f.write(struct.pack("<%dq" % t.dim(), *t.shape))
            f.write(t.numpy().astype("<f4").tobytes())
