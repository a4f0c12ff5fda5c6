#!/usr/bin/python3
"""Calls sieve.cluster.v1.Worker/Info from Python, as any other language's gRPC could.

Usage: python_info.py GENERATED_DIR HOST:PORT TOKEN_FILE
GENERATED_DIR holds worker_pb2.py made by `protoc --python_out` from worker.proto; the method is
called generically, so no gRPC plugin output is needed. Prints the reply as JSON; on a gRPC error
prints the status code name to stderr and exits 1.
"""
import json
import sys

import grpc

sys.path.insert(0, sys.argv[1])
from sieve.cluster.v1 import worker_pb2  # noqa: E402
from google.protobuf import json_format  # noqa: E402

address, token_file = sys.argv[2], sys.argv[3]
with open(token_file, encoding="utf-8") as f:
    token = f.read().strip()

with grpc.insecure_channel(address) as channel:
    info = channel.unary_unary(
        "/sieve.cluster.v1.Worker/Info",
        request_serializer=worker_pb2.InfoRequest.SerializeToString,
        response_deserializer=worker_pb2.InfoReply.FromString,
    )
    try:
        reply = info(worker_pb2.InfoRequest(), timeout=10,
                     metadata=[("authorization", "Bearer " + token), ("sieve-protocol-version", "2")])
    except grpc.RpcError as error:
        print(error.code().name, error.details(), file=sys.stderr)
        sys.exit(1)
    print(json.dumps(json_format.MessageToDict(reply, preserving_proto_field_name=True)))
