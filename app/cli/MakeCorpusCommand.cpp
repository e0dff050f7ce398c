// SPDX-License-Identifier: GPL-3.0-or-later
// talker make-corpus: a folder of recordings becomes a training corpus (talker/Dataset.h).
#include "Commands.h"

#include "talker/Dataset.h"

#include <iostream>

namespace talker::cli {

void addMakeCorpusCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("make-corpus",
                                       "Index a folder of audio files (WAV, FLAC, OGG; one subfolder per voice) into "
                                       "train.tsv and valid.tsv, so that train-codec and train can use it");
    struct Options {
        std::string folder;
        int validEvery = 10;
    };
    auto o = std::make_shared<Options>();
    command->add_option("folder", o->folder, "Folder of recordings; the lists are written into it")->required();
    command->add_option("--valid-every", o->validEvery, "Every N-th file (in path order) is a validation file");
    command->callback([o] {
        const AudioFolderIndex index = indexAudioFolder(o->folder, o->validEvery, [](long done, long total) {
            if (done % 100 == 0 || done == total)
                progress("reading", done, total);
        });
        std::cerr << "wrote '" << o->folder << "/train.tsv' (" << index.trainFiles << " files) and '" << o->folder
                  << "/valid.tsv' (" << index.validFiles << " files): " << index.hours << " h, " << index.voices.size()
                  << (index.voices.size() == 1 ? " voice" : " voices") << "\n";
    });
}

} // namespace talker::cli
