// SPDX-License-Identifier: GPL-3.0-or-later
// talker say: a text-conditioned bundle speaks text (flite times its phones, the Talker writes
// the codes frame by frame, the codec and the vocoder make the audio).
#include "Commands.h"

#include "talker/Audio.h"
#include "talker/Error.h"
#include "talker/Generator.h"
#include "talker/Json.h"
#include "talker/Vocoder.h"

#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

namespace talker::cli {

namespace {

// A text file of at most this many bytes: a long book chapter; beyond, give it in pieces.
constexpr std::uintmax_t MaxTextFileBytes = 1 << 20;

std::string readTextFile(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw FileError("cannot read text file '" + path +
                        "': " + (std::filesystem::exists(path, ec) ? "not a regular file" : "it does not exist"));
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > MaxTextFileBytes)
        throw FileError(
            "cannot read text file '" + path + "': " +
            (ec ? ec.message() : std::to_string(size) + " bytes, more than " + std::to_string(MaxTextFileBytes)));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof())
        throw FileError("cannot read text file '" + path + "'");
    return text.str();
}

/// Sentences of a text, one after another: split after . ! ? and at blank lines, each trimmed.
std::vector<std::string> sentencesOf(const std::string& text)
{
    std::vector<std::string> out;
    std::string current;
    auto finish = [&] {
        const auto first = current.find_first_not_of(" \t\r\n");
        if (first != std::string::npos) {
            const auto last = current.find_last_not_of(" \t\r\n");
            out.push_back(current.substr(first, last - first + 1));
        }
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        current += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
        const bool end =
            (c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || std::isspace((unsigned char)text[i + 1]));
        const bool paragraph = c == '\n' && i + 1 < text.size() && text[i + 1] == '\n';
        if (end || paragraph)
            finish();
    }
    finish();
    return out;
}

} // namespace

void addSayCommand(CLI::App& app)
{
    auto* command = app.add_subcommand(
        "say", "Speak text with a text-conditioned bundle (default: the shipped 'speak') and write a WAV");
    struct Options {
        std::string text, textFile, bundle, output, codes, voice, backend = "auto";
        SamplingParams sampling;
        bool floatWav = false, listVoices = false;
    };
    auto o = std::make_shared<Options>();
    command->add_option("text", o->text, "What to say (or --text-file)");
    command->add_option("--text-file", o->textFile,
                        "Read the text from this file: its sentences are spoken one after another");
    command->add_option("--bundle", o->bundle, "Bundle directory (default: the shipped 'speak' bundle)");
    command->add_option("--voice", o->voice, "Voice (default: the model's first; --voices lists them)");
    command->add_flag("--voices", o->listVoices, "List the model's voices and exit");
    command->add_option("--temperature", o->sampling.temperature, "Softmax temperature (0 = argmax)")
        ->capture_default_str();
    command->add_flag("--argmax", o->sampling.argmax, "Always take the most probable code");
    command->add_option("--top-k", o->sampling.topK, "Keep only the k most probable codes (0 = off)")
        ->capture_default_str();
    command->add_option("--top-p", o->sampling.topP, "Keep the smallest set of codes whose probability reaches p")
        ->capture_default_str();
    auto* seed = command->add_option("--seed", o->sampling.seed, "Random seed (default: a new one, printed)")
                     ->check(seedValidator());
    command->add_option("-o,--output", o->output, "WAV file to write");
    command->add_option("--codes", o->codes, "Also write the codes as JSON");
    command->add_flag("--float", o->floatWav, "Write 32-bit float WAV instead of 16-bit PCM");
    command->add_option("--backend", o->backend, "Talker implementation: auto, fused, fused-bf16 or libtorch")
        ->capture_default_str();
    command->callback([o, seed] {
        const auto path = o->bundle.empty() ? defaultModelsDirectory() / "speak" : std::filesystem::path(o->bundle);
        auto bundle = std::make_shared<const ModelBundle>(ModelBundle::load(path));
        const ModelConfig& config = bundle->config;
        if (!config.talker.text.enabled())
            throw ArgumentError("bundle '" + path.string() +
                                "' has no text conditioning: it cannot say text "
                                "(its Talker babbles; use 'talker generate', or a text bundle such as 'speak')");
        if (o->listVoices) {
            for (const auto& v : config.talker.text.voices)
                std::cout << v << "\n";
            return;
        }
        if (o->output.empty())
            throw ArgumentError("--output is required: the WAV file to write");
        if (o->text.empty() == o->textFile.empty())
            throw ArgumentError(o->text.empty() ? "nothing to say: give the text, or --text-file FILE"
                                                : "give the text or --text-file, not both");
        if (seed->count() == 0)
            o->sampling.seed = std::random_device{}();
        o->sampling.validate(config.talker.codebookSize);
        const auto sentences =
            o->textFile.empty() ? std::vector<std::string>{o->text} : sentencesOf(readTextFile(o->textFile));
        if (sentences.empty())
            throw ArgumentError("text file '" + o->textFile + "' holds no text to say");
        // Every sentence first, so text flite cannot speak is refused before anything is generated.
        std::vector<TextPrompt> prompts;
        FrameIndex totalFrames = 0;
        for (const auto& sentence : sentences) {
            prompts.push_back(makeTextPrompt(config, sentence, o->voice));
            const auto frames = FrameIndex(prompts.back().columns.size() / std::size_t(config.talker.text.columns()));
            if (1 + frames > config.talker.maxFrames)
                throw ArgumentError("the sentence '" + sentence.substr(0, 60) + "' lasts " + std::to_string(frames) +
                                    " frames, more than the model's " + std::to_string(config.talker.maxFrames - 1) +
                                    "; split it (--text-file speaks sentences one after another)");
            totalFrames += frames;
        }
        Generator generator(bundle, parseBackend(o->backend));
        if (!generator.fallbackReason().empty())
            std::cerr << "note: " << generator.fallbackReason() << "\n";
        std::cerr << "saying " << sentences.size() << (sentences.size() == 1 ? " sentence" : " sentences") << ", "
                  << totalFrames << " frames, with '" << config.name << "' (voice " << prompts.front().voice << ", "
                  << o->sampling.describe() << ", " << generator.backendName() << ")\n";
        Mel mel;
        mel.bins = config.audio.melBins;
        Codes codes;
        codes.codebooks = config.talker.codebooks;
        double talkerMs = 0;
        for (std::size_t i = 0; i < prompts.size(); ++i) {
            GenerationParams params;
            params.sampling = o->sampling;
            params.sampling.seed = o->sampling.seed + i; // sentence i: seed + i
            params.frames = int(prompts[i].columns.size() / std::size_t(config.talker.text.columns()));
            params.text = prompts[i];
            const Take take = generator.run(params);
            mel.values.insert(mel.values.end(), take.mel.values.begin(), take.mel.values.end());
            codes.values.insert(codes.values.end(), take.codes.values.begin(), take.codes.values.end());
            talkerMs += take.totalMs;
            if (prompts.size() > 1)
                progress("sentences", long(i + 1), long(prompts.size()));
        }
        const auto vocoder = makeVocoder(config);
        const auto audio = vocoder->render(mel);
        writeWav(o->output, audio, config.audio.sampleRateHz,
                 o->floatWav ? SampleFormat::Float32 : SampleFormat::Pcm16);
        if (!o->codes.empty())
            writeCodesJson(o->codes, codes, config);
        std::cerr << "wrote '" << o->output << "': " << codes.frames() << " frames, "
                  << double(audio.size()) / config.audio.sampleRateHz << " s; Talker "
                  << talkerMs / std::max<double>(1, double(codes.frames())) << " ms/frame; seed " << o->sampling.seed
                  << "\n";
    });
}

} // namespace talker::cli
