#pragma once

#include "SequenceDiagramArrow.h"

#include <QByteArray>
#include <QList>
#include <QString>

// A standalone SVG 1.1 document of a sequence diagram (QXmlStreamWriter; no QtSvg), laid out by
// SequenceDiagramLayout like the widget: lifelines with their boxes at top and bottom, numbered arrows
// (requests solid, responses dashed, front-channel dotted, failures red), labels and a legend.
namespace SequenceDiagramSvg {

QByteArray toSvg(const QList<SequenceDiagramArrow> &arrows, const QString &title = QString());
// Written atomically (QSaveFile). On failure returns false and says why in *error.
bool save(const QList<SequenceDiagramArrow> &arrows, const QString &path, QString *error,
          const QString &title = QString());

} // namespace SequenceDiagramSvg
