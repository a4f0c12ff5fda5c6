#!/usr/bin/python3
"""An independent reader of TensorBoard event files, for Sieve's tests.

Reads the TFRecord framing (uint64 length, masked CRC-32C of the length, data, masked CRC-32C
of the data), checks both CRCs with its own CRC-32C, decodes each record as a tensorflow.Event
with google.protobuf (message classes built here from descriptors equal to TensorFlow's
event.proto and summary.proto, reduced to the fields scalars use) and prints:

    version <TAB> file_version <TAB> wall_time          for the first record
    scalar <TAB> tag <TAB> step <TAB> value <TAB> wall_time   for each scalar value

Exit status 1, with the file, record number and problem on stderr, for a damaged file.
Usage: read_tfevents.py FILE
"""

import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def masked(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def event_class():
    F = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(name="sieve_test_event.proto", package="tensorflow", syntax="proto3")

    def add(message, name, number, kind, type_name=None, repeated=False):
        field = message.field.add(name=name, number=number, type=kind,
                                  label=F.LABEL_REPEATED if repeated else F.LABEL_OPTIONAL)
        if type_name:
            field.type_name = type_name

    summary = proto.message_type.add(name="Summary")
    value = summary.nested_type.add(name="Value")
    add(value, "tag", 1, F.TYPE_STRING)
    add(value, "simple_value", 2, F.TYPE_FLOAT)
    add(summary, "value", 1, F.TYPE_MESSAGE, ".tensorflow.Summary.Value", repeated=True)
    event = proto.message_type.add(name="Event")
    add(event, "wall_time", 1, F.TYPE_DOUBLE)
    add(event, "step", 2, F.TYPE_INT64)
    add(event, "file_version", 3, F.TYPE_STRING)
    add(event, "summary", 5, F.TYPE_MESSAGE, ".tensorflow.Summary")
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    descriptor = pool.FindMessageTypeByName("tensorflow.Event")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def main(path):
    Event = event_class()
    with open(path, "rb") as f:
        data = f.read()
    offset, number = 0, 0
    while offset < len(data):
        number += 1
        if len(data) - offset < 12:
            sys.exit(f"{path}: record {number}: truncated header")
        header = data[offset:offset + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[offset + 8:offset + 12])
        if masked(header) != length_crc:
            sys.exit(f"{path}: record {number}: length CRC mismatch")
        body = data[offset + 12:offset + 12 + length]
        if len(body) != length or len(data) < offset + 16 + length:
            sys.exit(f"{path}: record {number}: truncated data")
        (data_crc,) = struct.unpack("<I", data[offset + 12 + length:offset + 16 + length])
        if masked(body) != data_crc:
            sys.exit(f"{path}: record {number}: data CRC mismatch")
        offset += 16 + length
        event = Event()
        event.ParseFromString(body)
        if number == 1:
            if not event.file_version:
                sys.exit(f"{path}: record 1: no file_version")
            print(f"version\t{event.file_version}\t{event.wall_time!r}")
            continue
        for value in event.summary.value:
            print(f"scalar\t{value.tag}\t{event.step}\t{value.simple_value!r}\t{event.wall_time!r}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read_tfevents.py FILE")
    main(sys.argv[1])
