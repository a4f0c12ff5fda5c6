#pragma once

#include "key_value_store.h"

#include <QString>

namespace sieve::cluster {

// A KeyValueStore in a folder shared by the processes of one machine: each key is a file (its
// name the key, percent-encoded), written to a temporary name and renamed, so a reader never
// sees half a value. Waiting polls every 10 ms. For tests and single-machine runs; the folder is
// created when missing. Thread-safe (the file system is the only state).
class FileKeyValueStore final : public KeyValueStore {
public:
    explicit FileKeyValueStore(QString directory);

    Status set(const std::string &key, const std::vector<char> &value) override;
    Result<std::vector<char>> get(const std::string &key, std::chrono::milliseconds timeout) override;
    Status wait(const std::vector<std::string> &keys, std::chrono::milliseconds timeout) override;

private:
    QString pathOf(const std::string &key) const;

    QString m_directory;
};

} // namespace sieve::cluster
