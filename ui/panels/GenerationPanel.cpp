// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/GenerationPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>

namespace talker::ui {

GenerationPanel::GenerationPanel(QAction* generate, QAction* step, QAction* stop, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("generationPanel"));
    auto* form = m_form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    // Text models only (setTextModel shows these rows).
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("textBox"));
    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(tr("Type what the model should say"));
    // The front end and the models speak English, whatever the interface language.
    m_text->setPlainText(QStringLiteral("Hello, I am the talker. I say what you type."));
    m_text->setToolTip(tr("The text to say: the front end turns it into timed phones, and each frame "
                          "the Talker predicts reads the phones of its time"));
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 3 + 2 * m_text->frameWidth() + 8);
    form->addRow(tr("Te&xt:"), m_text);
    m_voice = new QComboBox;
    m_voice->setObjectName(QStringLiteral("voiceBox"));
    m_voice->setToolTip(tr("The speaker the model imitates (one of the voices it was trained on)"));
    form->addRow(tr("&Voice:"), m_voice);

    auto* framesRow = new QHBoxLayout;
    m_frames = new QSpinBox;
    m_frames->setObjectName(QStringLiteral("framesBox"));
    m_frames->setRange(1, 4000);
    m_frames->setValue(DefaultFrames);
    m_frames->setToolTip(tr("Frames to generate; 12.5 frames make one second"));
    m_framesNote = new QLabel(tr("set by the text"));
    m_framesNote->setObjectName(QStringLiteral("framesNote"));
    m_framesNote->setEnabled(false); // drawn as a hint
    framesRow->addWidget(m_frames, 1);
    framesRow->addWidget(m_framesNote);
    auto* framesLabel = new QLabel(tr("&Frames:"));
    framesLabel->setBuddy(m_frames);
    form->addRow(framesLabel, framesRow);

    m_temperature = new QDoubleSpinBox;
    m_temperature->setObjectName(QStringLiteral("temperatureBox"));
    m_temperature->setRange(0.05, 5.0);
    m_temperature->setSingleStep(0.05);
    m_temperature->setDecimals(2);
    m_temperature->setValue(1.0);
    m_temperature->setToolTip(tr("Below 1 sharpens the distributions, above 1 flattens them"));
    form->addRow(tr("&Temperature:"), m_temperature);

    m_argmax = new QCheckBox(tr("Always take the most probable code"));
    m_argmax->setObjectName(QStringLiteral("argmaxBox"));
    form->addRow(tr("&Argmax:"), m_argmax);

    m_topK = new QSpinBox;
    m_topK->setObjectName(QStringLiteral("topKBox"));
    m_topK->setRange(0, 128);
    m_topK->setSpecialValueText(tr("off"));
    m_topK->setToolTip(tr("Keep only the k most probable codes (off: keep all)"));
    form->addRow(tr("Top-&k:"), m_topK);

    m_topP = new QDoubleSpinBox;
    m_topP->setObjectName(QStringLiteral("topPBox"));
    m_topP->setRange(0.01, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setDecimals(2);
    m_topP->setValue(1.0);
    m_topP->setToolTip(tr("Keep the smallest set of codes whose probability reaches p (1: keep all)"));
    form->addRow(tr("Top-&p:"), m_topP);

    auto* seedRow = new QHBoxLayout;
    m_seed = new QLineEdit(QStringLiteral("1"));
    m_seed->setObjectName(QStringLiteral("seedEdit"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    m_seed->setToolTip(tr("The same model, seed and settings always make the same take"));
    auto* newSeedButton = new QPushButton(tr("&New seed"));
    newSeedButton->setObjectName(QStringLiteral("newSeedButton"));
    connect(newSeedButton, &QPushButton::clicked, this, &GenerationPanel::newSeed);
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(newSeedButton);
    auto* seedLabel = new QLabel(tr("&Seed:"));
    seedLabel->setBuddy(m_seed);
    form->addRow(seedLabel, seedRow);

    m_pace = new QComboBox;
    m_pace->setObjectName(QStringLiteral("paceBox"));
    m_pace->addItem(tr("As fast as possible"));
    m_pace->addItem(tr("Real time (12.5 frames/s)"));
    form->addRow(tr("Pa&ce:"), m_pace);

    auto* buttons = new QHBoxLayout;
    for (QAction* action : {generate, step, stop}) {
        auto* button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(button);
    }
    form->addRow(buttons);

    for (auto* box : {m_frames, m_topK})
        connect(box, &QSpinBox::valueChanged, this, &GenerationPanel::changed);
    for (auto* box : {m_temperature, m_topP})
        connect(box, &QDoubleSpinBox::valueChanged, this, &GenerationPanel::changed);
    connect(m_argmax, &QCheckBox::toggled, this, &GenerationPanel::changed);
    connect(m_seed, &QLineEdit::textChanged, this, &GenerationPanel::changed);
    connect(m_pace, &QComboBox::currentIndexChanged, this, &GenerationPanel::changed);
    connect(m_text, &QPlainTextEdit::textChanged, this, &GenerationPanel::changed);
    connect(m_voice, &QComboBox::currentIndexChanged, this, &GenerationPanel::changed);
    setTextModel(TextConfig{});
}

void GenerationPanel::setTextModel(const TextConfig& text)
{
    m_textModel = text.enabled();
    m_form->setRowVisible(m_text, m_textModel);
    m_form->setRowVisible(m_voice, m_textModel);
    m_framesNote->setVisible(m_textModel);
    m_frames->setEnabled(!m_textModel);
    m_frames->setToolTip(m_textModel ? tr("The text decides the length: as many frames as its timed phones last "
                                          "(12.5 frames make one second)")
                                     : tr("Frames to generate; 12.5 frames make one second"));
    const QString chosen = m_voice->currentText();
    const QSignalBlocker blocker(m_voice);
    m_voice->clear();
    for (const std::string& voice : text.voices)
        m_voice->addItem(QString::fromStdString(voice));
    if (m_voice->findText(chosen) >= 0)
        m_voice->setCurrentIndex(m_voice->findText(chosen));
}

QString GenerationPanel::text() const
{
    return m_textModel ? m_text->toPlainText() : QString();
}
QString GenerationPanel::voice() const
{
    return m_textModel ? m_voice->currentText() : QString();
}

void GenerationPanel::showTextFrames(int frames)
{
    const QSignalBlocker blocker(m_frames);
    m_frames->setValue(frames);
}

GenerationParams GenerationPanel::params() const
{
    GenerationParams p;
    p.frames = m_frames->value();
    p.sampling.temperature = m_temperature->value();
    p.sampling.argmax = m_argmax->isChecked();
    p.sampling.topK = m_topK->value();
    p.sampling.topP = m_topP->value();
    p.sampling.seed = m_seed->text().toULongLong();
    p.realTime = m_pace->currentIndex() == 1;
    return p;
}

void GenerationPanel::setParams(const GenerationParams& p)
{
    m_frames->setValue(p.frames);
    m_temperature->setValue(p.sampling.temperature);
    m_argmax->setChecked(p.sampling.argmax);
    m_topK->setValue(p.sampling.topK);
    m_topP->setValue(p.sampling.topP);
    m_seed->setText(QString::number(p.sampling.seed));
    m_pace->setCurrentIndex(p.realTime ? 1 : 0);
    if (!p.text.text.empty()) {
        m_text->setPlainText(QString::fromStdString(p.text.text));
        const int voice = m_voice->findText(QString::fromStdString(p.text.voice));
        if (voice >= 0)
            m_voice->setCurrentIndex(voice);
    }
}

bool GenerationPanel::seedIsValid() const
{
    bool ok = false;
    m_seed->text().toULongLong(&ok);
    return ok;
}

void GenerationPanel::setModelLimits(int codebookSize, int maxFrames)
{
    m_topK->setMaximum(codebookSize);
    m_frames->setMaximum(std::max(1, maxFrames - 1));
}

void GenerationPanel::newSeed()
{
    // 53 bits: exactly representable wherever the seed travels as a JSON number.
    m_seed->setText(QString::number(QRandomGenerator::global()->generate64() >> 11));
}

void GenerationPanel::load(const QSettings& settings)
{
    GenerationParams p = params();
    p.frames = settings.value(QStringLiteral("generation/frames"), p.frames).toInt();
    p.sampling.temperature =
        settings.value(QStringLiteral("generation/temperature"), p.sampling.temperature).toDouble();
    p.sampling.argmax = settings.value(QStringLiteral("generation/argmax"), p.sampling.argmax).toBool();
    p.sampling.topK = settings.value(QStringLiteral("generation/topK"), p.sampling.topK).toInt();
    p.sampling.topP = settings.value(QStringLiteral("generation/topP"), p.sampling.topP).toDouble();
    p.sampling.seed = settings.value(QStringLiteral("generation/seed"), quint64(p.sampling.seed)).toULongLong();
    p.realTime = settings.value(QStringLiteral("generation/realTime"), p.realTime).toBool();
    setParams(p);
    m_text->setPlainText(settings.value(QStringLiteral("generation/text"), m_text->toPlainText()).toString());
}

void GenerationPanel::save(QSettings& settings) const
{
    const GenerationParams p = params();
    settings.setValue(QStringLiteral("generation/frames"), p.frames);
    settings.setValue(QStringLiteral("generation/temperature"), p.sampling.temperature);
    settings.setValue(QStringLiteral("generation/argmax"), p.sampling.argmax);
    settings.setValue(QStringLiteral("generation/topK"), p.sampling.topK);
    settings.setValue(QStringLiteral("generation/topP"), p.sampling.topP);
    settings.setValue(QStringLiteral("generation/seed"), quint64(p.sampling.seed));
    settings.setValue(QStringLiteral("generation/realTime"), p.realTime);
    settings.setValue(QStringLiteral("generation/text"), m_text->toPlainText());
}

} // namespace talker::ui
