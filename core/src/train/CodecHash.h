// SPDX-License-Identifier: GPL-3.0-or-later
// A hash of a bundle's codec (its configuration and weights), hex (private to core): it names the
// corpus codes cache (Dataset.cpp) and the evaluation's cached transcripts (Evaluation.cpp), so
// that a new codec never reads the old one's.
#pragma once

#include "talker/ModelBundle.h"

#include <string>

namespace talker {

std::string codecHash(const ModelBundle& bundle);

} // namespace talker
