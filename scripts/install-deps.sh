#!/usr/bin/env bash
# Installs every Debian 12 package Sieve needs to build, run, test and benchmark.
# Idempotent: apt-get skips what is already there. Needs root (or sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-image-formats-plugins qt6-svg-dev qt6-charts-dev libqt6opengl6-dev libgl-dev
  # storage, hashing, metadata
  libsqlite3-dev libxxhash-dev libexif-dev
  # PII recognizers: phone numbers
  libphonenumber-dev
  # OCR for the PII scan, with the languages it reads by default
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra
  tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-swa tesseract-ocr-ind
  # the training engine: oneDNN 2.6 (its CMake config looks for OpenCL too); PyTorch and
  # torchvision only as the reference the engine's tests compare with and the benchmarks' peer
  libdnnl-dev ocl-icd-opencl-dev opencl-headers python3-torch python3-torchvision
  # cluster training: Gloo collectives over TCP (the data path between workers)
  libgloo-dev
  # ONNX and Caffe import, ONNX export: protoc compiles the subsets of onnx.proto and
  # caffe.proto they use; the onnx package's checker only checks exported files in a test, and
  # the Caffe import's test writes its reference .caffemodel with python3-protobuf
  protobuf-compiler libprotobuf-dev python3-onnx python3-protobuf
  # cluster training: gRPC (C++ and the Python client the protocol test uses) and Gloo; openssl
  # makes the TLS tests' certificates
  libgrpc++-dev protobuf-compiler-grpc python3-grpcio libgloo-dev openssl
  # face detection for the PII scan: OpenCV, and its Haar cascades
  libopencv-dev opencv-data
  # fonts the demo generator renders text with
  fonts-dejavu-core fonts-liberation2 fonts-noto-core
  # headless GUI for tests and screenshots
  xvfb xauth
  # benchmark peers and screenshot tools
  libvips-tools imagemagick
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
