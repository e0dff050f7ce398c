// SPDX-License-Identifier: GPL-3.0-or-later
// Errors of the engine. Every failure the user can cause (a bad file, a bad parameter) throws one of
// these, with a message of the form "<what failed> '<path or value>': <why>" that a user can act on.
// The CLI prints it after "error: "; the studio shows it in a message or the status bar.
//
//   throw talker::FileError("cannot read codes '" + path.string() + "': not JSON");
//   catch (const talker::CancelledError&) { ... }  // a cancel flag stopped the work: not a failure
//
// Thread safety: exceptions are values; throw and catch them on any thread.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace talker {

class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A model bundle (model.json or a safetensors file) is missing, malformed or inconsistent.
class BundleError : public Error {
  public:
    using Error::Error;
};

/// An audio file could not be read or written.
class AudioFileError : public Error {
  public:
    using Error::Error;
};

/// A parameter is out of its valid range (refused, never clamped).
class ArgumentError : public Error {
  public:
    using Error::Error;
};

/// Any other file that could not be read or written (codes, takes, CSV).
class FileError : public Error {
  public:
    using Error::Error;
};

/// Work stopped because the user asked it to (a cancel flag was set); not a failure.
class CancelledError : public Error {
  public:
    using Error::Error;
};

/// A number as a person writes it in a message: "0.7", "-1", "1e-06", "nan" (not to_string's "0.700000").
inline std::string numberText(double value)
{
    std::ostringstream s;
    s << value;
    return s.str();
}

} // namespace talker
