// SPDX-License-Identifier: GPL-3.0-or-later
// talker encode / decode / roundtrip / replay / mel: the codec and front end on files.
#include "Commands.h"

#include "talker/Audio.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"
#include "talker/ModelBundle.h"
#include "talker/Codec.h"
#include "talker/TakeFile.h"
#include "talker/Vocoder.h"

#include <iostream>

namespace talker::cli {

namespace {

Codes encodeFile(const ModelBundle& bundle, const std::string& input)
{
    const auto samples = readAudio(input, bundle.config.audio.sampleRateHz);
    const Mel mel = MelFrontEnd(bundle.config.audio).logMel(samples);
    return makeCodec(bundle.config, bundle.rvqWeights)->encode(mel);
}

void decodeToWav(const ModelBundle& bundle, const Codes& codes, int codebooks, const std::string& output, bool floatWav)
{
    if (codes.codebooks != bundle.config.codec.codebooks)
        throw ArgumentError("the codes have " + std::to_string(codes.codebooks) + " codebooks but bundle '" +
                            bundle.config.name + "' has " + std::to_string(bundle.config.codec.codebooks));
    // --codebooks n: 1..K; absent (-1): all. A negative n meant "all" silently before.
    if (codebooks != -1 && (codebooks < 1 || codebooks > bundle.config.codec.codebooks))
        throw ArgumentError("invalid --codebooks " + std::to_string(codebooks) + ": expected 1.." +
                            std::to_string(bundle.config.codec.codebooks) + " (bundle '" + bundle.config.name + "')");
    const Mel mel = makeCodec(bundle.config, bundle.rvqWeights)->decode(codes, codebooks);
    const auto audio = makeVocoder(bundle.config)->render(mel);
    writeWav(output, audio, bundle.config.audio.sampleRateHz, floatWav ? SampleFormat::Float32 : SampleFormat::Pcm16);
    std::cerr << "wrote '" << output << "': " << codes.frames() << " frames, "
              << double(audio.size()) / bundle.config.audio.sampleRateHz << " s\n";
}

} // namespace

void addEncodeCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("encode", "Encode an audio file into codes (JSON)");
    struct Options {
        std::string bundle, input, output;
    };
    auto o = std::make_shared<Options>();
    addBundleOption(*command, o->bundle);
    command->add_option("input", o->input, "Audio file (WAV, FLAC, OGG; any rate and channel count)")->required();
    command->add_option("-o,--output", o->output, "Codes JSON to write")->required();
    command->callback([o] {
        const auto bundle = ModelBundle::load(bundlePathOrDefault(o->bundle));
        const Codes codes = encodeFile(bundle, o->input);
        writeCodesJson(o->output, codes, bundle.config);
        std::cerr << "wrote '" << o->output << "': " << codes.frames() << " frames x " << codes.codebooks
                  << " codebooks\n";
    });
}

void addDecodeCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("decode", "Decode codes (JSON) into a WAV");
    struct Options {
        std::string bundle, input, output;
        int codebooks = -1;
        bool floatWav = false;
    };
    auto o = std::make_shared<Options>();
    addBundleOption(*command, o->bundle);
    command->add_option("input", o->input, "Codes JSON")->required();
    command->add_option("-o,--output", o->output, "WAV file to write")->required();
    command->add_option("--codebooks", o->codebooks, "Use only the first n codebooks (default: all)");
    command->add_flag("--float", o->floatWav, "Write 32-bit float WAV");
    command->callback([o] {
        const auto bundle = ModelBundle::load(bundlePathOrDefault(o->bundle));
        decodeToWav(bundle, readCodesJson(o->input), o->codebooks, o->output, o->floatWav);
    });
}

void addRoundtripCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("roundtrip", "Encode an audio file and decode it again (hear the codec)");
    struct Options {
        std::string bundle, input, output;
        int codebooks = -1;
        bool floatWav = false;
    };
    auto o = std::make_shared<Options>();
    addBundleOption(*command, o->bundle);
    command->add_option("input", o->input, "Audio file")->required();
    command->add_option("-o,--output", o->output, "WAV file to write")->required();
    command->add_option("--codebooks", o->codebooks, "Decode with only the first n codebooks (default: all)");
    command->add_flag("--float", o->floatWav, "Write 32-bit float WAV");
    command->callback([o] {
        const auto bundle = ModelBundle::load(bundlePathOrDefault(o->bundle));
        decodeToWav(bundle, encodeFile(bundle, o->input), o->codebooks, o->output, o->floatWav);
    });
}

void addReplayCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("replay", "Decode the codes of a take file (saved by the studio) into a WAV");
    struct Options {
        std::string bundle, input, output;
        int codebooks = -1;
        bool floatWav = false;
    };
    auto o = std::make_shared<Options>();
    command->add_option("--bundle", o->bundle, "Model bundle directory (default: the shipped bundle the take names)");
    command->add_option("input", o->input, "Take file (JSON)")->required();
    command->add_option("-o,--output", o->output, "WAV file to write")->required();
    command->add_option("--codebooks", o->codebooks, "Use only the first n codebooks (default: all)");
    command->add_flag("--float", o->floatWav, "Write 32-bit float WAV");
    command->callback([o] {
        const TakeFile take = readTakeFile(o->input);
        std::filesystem::path path = o->bundle;
        if (path.empty()) {
            path = defaultModelsDirectory() / take.bundleName;
            // A name, not a path: "..", "." or "a/b" would leave the models directory.
            if (take.bundleName.empty() || take.bundleName == "." || take.bundleName == ".." ||
                take.bundleName.find_first_of("/\\") != std::string::npos || !std::filesystem::is_directory(path))
                throw ArgumentError("take '" + o->input + "' was made with bundle '" + take.bundleName +
                                    "', which is not among the shipped bundles in '" +
                                    defaultModelsDirectory().string() + "': name its directory with --bundle");
        }
        const auto bundle = ModelBundle::load(path);
        if (take.codebookSize != bundle.config.codec.codebookSize)
            throw ArgumentError("take '" + o->input + "' has codes of " + std::to_string(take.codebookSize) +
                                " entries but bundle '" + bundle.config.name + "' has codebooks of " +
                                std::to_string(bundle.config.codec.codebookSize));
        if (take.bundleFingerprint != bundleFingerprint(bundle))
            std::cerr << "warning: take '" << o->input << "' was made with bundle '" << take.bundleName << "' ("
                      << take.bundleFingerprint << "), not with '" << path.string()
                      << "': the same codes may sound different\n";
        decodeToWav(bundle, take.codes, o->codebooks, o->output, o->floatWav);
    });
}

void addMelCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("mel", "Write the log-mel spectrogram of an audio file as CSV");
    struct Options {
        std::string bundle, input, output;
    };
    auto o = std::make_shared<Options>();
    addBundleOption(*command, o->bundle);
    command->add_option("input", o->input, "Audio file")->required();
    command->add_option("-o,--output", o->output, "CSV to write (one row per 16 ms frame)")->required();
    command->callback([o] {
        const auto bundle = ModelBundle::load(bundlePathOrDefault(o->bundle));
        const auto samples = readAudio(o->input, bundle.config.audio.sampleRateHz);
        const Mel mel = MelFrontEnd(bundle.config.audio).logMel(samples);
        writeMelCsv(o->output, mel);
        std::cerr << "wrote '" << o->output << "': " << mel.frames() << " frames x " << mel.bins << " bins\n";
    });
}

} // namespace talker::cli
