// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/ModelPanel.h"

#include "talker/Summary.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace talker::ui {

namespace {

// The shipped bundles' descriptions, for lupdate: shown translated; any other bundle's own text
// is shown as it is.
[[maybe_unused]] const char* const ShippedDescriptions[] = {
    QT_TRANSLATE_NOOP("ModelDescription",
                      "The chapter's Talker: 2 codebooks of 128 at 12.5 Hz, d_model 192, 4 layers."),
    QT_TRANSLATE_NOOP("ModelDescription",
                      "The chapter's Talker with 8 codebooks of 128 at 12.5 Hz, for clearer speech."),
};

// Provenance or metrics as table rows: nested keys indented, headings bold, numbers to three
// significant digits (talker::summariseJson).
QString jsonRows(const nlohmann::json& object)
{
    QString rows;
    for (const SummaryRow& row : summariseJson(object)) {
        const QString indent = QStringLiteral("&nbsp;").repeated(4 * row.depth);
        const QString label = QString::fromStdString(row.label).toHtmlEscaped();
        rows += row.value.empty() ? QStringLiteral("<tr><td colspan=\"2\">%1<b>%2</b></td></tr>").arg(indent, label)
                                  : QStringLiteral("<tr><td>%1%2</td><td>%3</td></tr>")
                                        .arg(indent, label, QString::fromStdString(row.value).toHtmlEscaped());
    }
    return rows;
}

} // namespace

ModelPanel::ModelPanel(QAction* openModel, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("modelPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_name = new QLabel;
    m_name->setObjectName(QStringLiteral("modelName"));
    m_name->setWordWrap(true);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_name);
    m_details = new QTextBrowser;
    m_details->setObjectName(QStringLiteral("modelDetails"));
    m_details->setOpenLinks(false);
    layout->addWidget(m_details, 1);
    auto* open = new QToolButton;
    open->setDefaultAction(openModel);
    open->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(open, 0, Qt::AlignLeft);
}

void ModelPanel::setBackend(const QString& backendName, const QString& fallbackReason)
{
    m_backend = fallbackReason.isEmpty() ? backendName : tr("%1 (%2)").arg(backendName, fallbackReason);
}

QString ModelPanel::text() const
{
    return m_name->text() + QLatin1Char('\n') + m_details->toPlainText();
}

void ModelPanel::showBundle(const ModelBundle* bundle, const QString& message)
{
    if (!bundle) {
        m_name->setText(tr("<b>No model loaded</b>"));
        m_details->setPlainText(message);
        return;
    }
    const ModelConfig& c = bundle->config;
    const QLocale locale;
    m_name->setText(tr("<b>%1</b><br><small>%2</small>")
                        .arg(QString::fromStdString(c.name).toHtmlEscaped(),
                             QString::fromStdString(bundle->directory.string()).toHtmlEscaped()));
    QString html;
    if (!c.description.empty())
        html += QStringLiteral("<p>%1</p>")
                    .arg(QCoreApplication::translate("ModelDescription", c.description.c_str()).toHtmlEscaped());
    html += tr("<h4>Configuration</h4><table>"
               "<tr><td>Talker parameters</td><td>%1</td></tr>"
               "<tr><td>Codec parameters</td><td>%2</td></tr>"
               "<tr><td>Layers, d<sub>model</sub></td><td>%3, %4</td></tr>"
               "<tr><td>Heads (query / key-value)</td><td>%5 / %6, dim %7</td></tr>"
               "<tr><td>Codebooks K x size V</td><td>%8 x %9 (BOS = %9)</td></tr>"
               "<tr><td>Mel</td><td>%10 bins, %11 sub-frames per token</td></tr>"
               "<tr><td>Frame rate</td><td>%12 frames/s (%13 Hz audio)</td></tr>"
               "<tr><td>Vocoder</td><td>%14, %15 iterations</td></tr>")
                .arg(locale.toString(qlonglong(bundle->talkerParameterCount())))
                .arg(locale.toString(qlonglong(bundle->codecParameterCount())))
                .arg(c.talker.layers)
                .arg(c.talker.dModel)
                .arg(c.talker.queryHeads)
                .arg(c.talker.kvHeads)
                .arg(c.talker.headDim)
                .arg(c.talker.codebooks)
                .arg(c.talker.codebookSize)
                .arg(c.audio.melBins)
                .arg(c.codec.subframes)
                .arg(c.frameRateHz())
                .arg(c.audio.sampleRateHz)
                .arg(QString::fromStdString(c.vocoder.type))
                .arg(c.vocoder.iterations);
    if (!m_backend.isEmpty())
        html += tr("<tr><td>Backend</td><td>%1</td></tr>").arg(m_backend.toHtmlEscaped());
    html += QStringLiteral("</table>");
    html += tr("<h4>Provenance</h4>");
    html += c.provenance.empty() ? tr("<p>None recorded (an untrained or hand-made bundle).</p>")
                                 : QStringLiteral("<table>%1</table>").arg(jsonRows(c.provenance));
    html += tr("<h4>Metrics</h4>");
    html +=
        c.metrics.empty() ? tr("<p>None recorded.</p>") : QStringLiteral("<table>%1</table>").arg(jsonRows(c.metrics));
    m_details->setHtml(html);
}

} // namespace talker::ui
