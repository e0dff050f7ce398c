// SPDX-License-Identifier: GPL-3.0-or-later
#include "AudioPlayer.h"

#include <portaudio.h>
#if __has_include(<alsa/asoundlib.h>)
#include <alsa/asoundlib.h>
#define TALKER_HAVE_ALSA 1
#endif

#include <algorithm>
#include <cstring>

namespace talker::ui {

#ifdef TALKER_HAVE_ALSA
namespace {
// ALSA prints its configuration probing to stderr while PortAudio looks for devices (dozens of
// lines on a machine without sound cards); the outcome is reported by PortAudio instead.
void quietAlsa(const char*, int, const char*, int, const char*, ...) {}
} // namespace
#endif

AudioPlayer::AudioPlayer(QObject* parent) : QObject(parent)
{
#ifdef TALKER_HAVE_ALSA
    snd_lib_error_set_handler(&quietAlsa);
#endif
    const PaError error = Pa_Initialize();
    if (error != paNoError) {
        m_unavailableReason =
            tr("No audio output device: playback is unavailable (%1)").arg(QString::fromUtf8(Pa_GetErrorText(error)));
        return;
    }
    m_initialised = true;
    if (Pa_GetDefaultOutputDevice() == paNoDevice) {
        m_unavailableReason = tr("No audio output device: playback is unavailable");
        return;
    }
    m_available = true;
}

AudioPlayer::~AudioPlayer()
{
    closeStream();
    if (m_initialised)
        Pa_Terminate();
}

void AudioPlayer::closeStream()
{
    if (!m_stream)
        return;
    auto* stream = static_cast<PaStream*>(m_stream);
    Pa_AbortStream(stream); // returns once the callback has stopped running
    Pa_CloseStream(stream);
    m_stream = nullptr;
    m_playing.store(false);
    m_retired.clear(); // no callback holds any of them now
}

void AudioPlayer::retire(AudioBuffer buffer)
{
    if (buffer)
        m_retired.push_back(std::move(buffer));
    // use_count() 1: only this list holds it. The callback loads m_buffer, which no longer points
    // to a retired buffer, so none can gain a reference after the swap.
    m_retired.erase(
        std::remove_if(m_retired.begin(), m_retired.end(), [](const AudioBuffer& b) { return b.use_count() == 1; }),
        m_retired.end());
}

bool AudioPlayer::play(AudioBuffer buffer, int sampleRateHz, std::int64_t startSample, std::int64_t endSample,
                       bool loop)
{
    if (!m_available) {
        emit failed(m_unavailableReason);
        return false;
    }
    closeStream();
    if (!buffer || buffer->empty())
        return false;
    retire(m_buffer.exchange(std::move(buffer))); // the stream is closed: freed at once
    m_start.store(std::max<std::int64_t>(0, startSample));
    m_end.store(endSample);
    m_position.store(std::max<std::int64_t>(0, startSample));
    m_loop.store(loop);
    m_playing.store(true);

    PaStream* stream = nullptr;
    PaError error = Pa_OpenDefaultStream(&stream, 0, 1, paFloat32, sampleRateHz, paFramesPerBufferUnspecified,
                                         reinterpret_cast<PaStreamCallback*>(&AudioPlayer::callback), this);
    if (error == paNoError) {
        m_stream = stream;
        m_streamRateHz = sampleRateHz;
        error = Pa_StartStream(stream);
    }
    if (error != paNoError) {
        closeStream();
        m_playing.store(false);
        // The device exists but cannot play: say so once, and stop offering playback.
        m_available = false;
        m_unavailableReason =
            tr("No audio output device: playback is unavailable (%1)").arg(QString::fromUtf8(Pa_GetErrorText(error)));
        emit failed(m_unavailableReason);
        return false;
    }
    return true;
}

void AudioPlayer::stop()
{
    closeStream();
}

void AudioPlayer::updateBuffer(AudioBuffer buffer)
{
    if (buffer)
        retire(m_buffer.exchange(std::move(buffer)));
}

int AudioPlayer::callback(const void*, void* output, unsigned long frames, const void*, unsigned long, void* self)
{
    return static_cast<AudioPlayer*>(self)->fill(static_cast<float*>(output), frames);
}

int AudioPlayer::fill(float* out, unsigned long frames)
{
    const std::shared_ptr<const std::vector<float>> buffer = m_buffer.load();
    const auto size = std::int64_t(buffer ? buffer->size() : 0);
    std::int64_t end = m_end.load();
    end = end < 0 ? size : std::min(end, size);
    std::int64_t position = m_position.load();
    unsigned long written = 0;
    while (written < frames) {
        if (position >= end) {
            if (!m_loop.load() || end <= m_start.load())
                break;
            position = m_start.load();
        }
        const auto count = std::min<std::int64_t>(std::int64_t(frames - written), end - position);
        std::memcpy(out + written, buffer->data() + position, std::size_t(count) * sizeof(float));
        written += static_cast<unsigned long>(count);
        position += count;
    }
    std::fill(out + written, out + frames, 0.0f);
    m_position.store(position);
    if (written < frames) {
        m_playing.store(false);
        return paComplete;
    }
    return paContinue;
}

} // namespace talker::ui
