// SPDX-License-Identifier: GPL-3.0-or-later
// FNV-1a, 64 bit: core's one hash for names of caches and for bundle fingerprints. Small,
// dependency-free and stable across platforms and runs (it hashes bytes the project wrote itself);
// not a defence against anyone choosing collisions. Private to core.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace talker {

class Fnv1a64 {
  public:
    void add(const void* data, std::size_t size)
    {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            m_hash ^= bytes[i];
            m_hash *= 0x100000001b3ULL;
        }
    }
    void add(const std::string& text) { add(text.data(), text.size()); }
    std::uint64_t value() const { return m_hash; }
    /// The hash as 16 hex digits.
    std::string hex() const
    {
        char text[17];
        std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(m_hash));
        return text;
    }

  private:
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

/// FNV-1a 64-bit of `bytes`, as 16 hex digits.
inline std::string fnv1aHex(const std::string& bytes)
{
    Fnv1a64 hash;
    hash.add(bytes);
    return hash.hex();
}

} // namespace talker
