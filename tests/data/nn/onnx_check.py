#!/usr/bin/env python3
"""Checks an ONNX file Sieve exported with the onnx package's checker, for tst_nn_onnx_export.

    /usr/bin/python3 tests/data/nn/onnx_check.py FILE.onnx CLASSES

Runs onnx.checker.check_model with full_check (which also infers every value's shape) and
checks that the output is batch x CLASSES and that Sieve's metadata is there. Prints the
inferred output shape. Exits with status 77 when the onnx package is missing.
"""
import json
import sys

from sieveref import SKIP

try:
    import onnx
except ImportError as error:
    print("%s (install python3-onnx)" % error, file=sys.stderr)
    sys.exit(SKIP)


def main():
    path, classes = sys.argv[1], int(sys.argv[2])
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    dims = [d.dim_param or d.dim_value for d in inferred.graph.output[0].type.tensor_type.shape.dim]
    assert dims[1:] == [classes], dims
    properties = {p.key: p.value for p in model.metadata_props}
    assert len(json.loads(properties["sieve.classes"])) == classes, properties
    print("checked: %d nodes, output %s" % (len(model.graph.node), dims))


if __name__ == "__main__":
    main()
