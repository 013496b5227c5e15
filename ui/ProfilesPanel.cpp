#include "ProfilesPanel.h"

#include "ProfileEditorDialog.h"
#include "ProfileListModel.h"
#include "SecretVault.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return button;
}

QAction *makeAction(const QString &text, const QString &objectName, QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setObjectName(objectName);
    return action;
}

} // namespace

ProfilesPanel::ProfilesPanel(const ProfileStore &store, SecretVault *vault, HttpClient *http, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_vault(vault)
    , m_http(http)
    , m_model(new ProfileListModel(this))
    , m_view(new QListView(this))
    , m_emptyLabel(new QLabel(this))
    , m_newAction(makeAction(tr("&New Profile…"), QStringLiteral("newProfileAction"), this))
    , m_editAction(makeAction(tr("&Edit Profile…"), QStringLiteral("editProfileAction"), this))
    , m_duplicateAction(makeAction(tr("D&uplicate Profile"), QStringLiteral("duplicateProfileAction"), this))
    , m_deleteAction(makeAction(tr("&Delete Profile…"), QStringLiteral("deleteProfileAction"), this))
    , m_importAction(makeAction(tr("&Import Profiles…"), QStringLiteral("importProfilesAction"), this))
    , m_exportAction(makeAction(tr("E&xport Profiles…"), QStringLiteral("exportProfilesAction"), this))
{
    setObjectName(QStringLiteral("profilesPanel"));
    m_view->setObjectName(QStringLiteral("profileList"));
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(1);
    m_emptyLabel->setObjectName(QStringLiteral("noProfilesLabel"));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setText(tr("No profiles yet. Add one with the token endpoint and client of the server "
                             "you want to debug, or import a profile file."));
    m_emptyLabel->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Create a profile for a token endpoint and client"));
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editAction->setStatusTip(tr("Edit the selected profile"));
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_duplicateAction->setStatusTip(tr("Copy the selected profile, secret included"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteAction->setStatusTip(tr("Delete the selected profile and its stored secret"));
    m_importAction->setStatusTip(tr("Add profiles from a JSON file"));
    m_exportAction->setStatusTip(tr("Save all profiles to a JSON file, without secrets"));
    addAction(m_deleteAction);

    m_newAction->setIconText(tr("Add"));
    m_editAction->setIconText(tr("Edit"));
    m_duplicateAction->setIconText(tr("Duplicate"));
    m_deleteAction->setIconText(tr("Delete"));
    m_importAction->setIconText(tr("Import…"));
    m_exportAction->setIconText(tr("Export…"));

    auto *title = new QLabel(tr("<b>Profiles</b>"), this);
    auto *buttons = new QGridLayout;
    buttons->setSpacing(4);
    buttons->addWidget(actionButton(m_newAction, this), 0, 0);
    buttons->addWidget(actionButton(m_editAction, this), 0, 1);
    buttons->addWidget(actionButton(m_duplicateAction, this), 1, 0);
    buttons->addWidget(actionButton(m_deleteAction, this), 1, 1);
    buttons->addWidget(actionButton(m_importAction, this), 2, 0);
    buttons->addWidget(actionButton(m_exportAction, this), 2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_emptyLabel);
    layout->addLayout(buttons);

    connect(m_newAction, &QAction::triggered, this, &ProfilesPanel::addProfile);
    connect(m_editAction, &QAction::triggered, this, &ProfilesPanel::editProfile);
    connect(m_duplicateAction, &QAction::triggered, this, &ProfilesPanel::duplicateProfile);
    connect(m_deleteAction, &QAction::triggered, this, &ProfilesPanel::deleteProfile);
    connect(m_importAction, &QAction::triggered, this, &ProfilesPanel::importProfiles);
    connect(m_exportAction, &QAction::triggered, this, &ProfilesPanel::exportProfiles);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateActions();
        Q_EMIT currentProfileChanged();
    });
    connect(m_view, &QListView::activated, this, &ProfilesPanel::editProfile);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ProfilesPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ProfilesPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProfilesPanel::updateActions);
    updateActions();
}

void ProfilesPanel::loadProfiles()
{
    ProfileStore::LoadResult result = m_store.load();
    m_model->setProfiles(result.profiles);
    if (!result.error.isEmpty()) {
        QString text = tr("Could not read the profiles: %1").arg(result.error);
        if (!result.movedAsideTo.isEmpty())
            text += QLatin1Char(' ')
                + tr("The unreadable file was kept as %1; starting with an empty profile list.")
                      .arg(QDir::toNativeSeparators(result.movedAsideTo));
        Q_EMIT message(text, MessageBar::Type::Error);
    } else if (!result.warnings.isEmpty()) {
        Q_EMIT message(result.warnings.join(QLatin1Char('\n')), MessageBar::Type::Warning);
    }
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0));
    updateActions();
    Q_EMIT currentProfileChanged();
}

std::optional<Profile> ProfilesPanel::currentProfile() const
{
    const int row = currentRow();
    if (row < 0)
        return std::nullopt;
    return m_model->at(row);
}

void ProfilesPanel::selectProfile(const QString &id)
{
    const int row = m_model->rowOfId(id);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row));
}

int ProfilesPanel::currentRow() const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid() || index.row() >= m_model->rowCount())
        return -1;
    return index.row();
}

void ProfilesPanel::updateActions()
{
    const bool selected = currentRow() >= 0;
    m_editAction->setEnabled(selected);
    m_duplicateAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
    m_exportAction->setEnabled(m_model->rowCount() > 0);
    m_emptyLabel->setVisible(m_model->rowCount() == 0);
}

void ProfilesPanel::addProfile()
{
    openEditor(Profile::create(QString()), true);
}

void ProfilesPanel::editProfile()
{
    if (const auto profile = currentProfile())
        openEditor(*profile, false);
}

void ProfilesPanel::openEditor(const Profile &profile, bool isNew)
{
    auto *dialog = new ProfileEditorDialog(profile, isNew, m_vault, m_http, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) { editorFinished(dialog, result); });
    dialog->open();
}

void ProfilesPanel::editorFinished(ProfileEditorDialog *dialog, int result)
{
    if (result != QDialog::Accepted)
        return;
    const Profile profile = dialog->profile();
    const int row = m_model->rowOfId(profile.id);
    if (row >= 0) {
        m_model->replace(row, profile);
        if (row == currentRow())
            Q_EMIT currentProfileChanged();
    } else {
        m_view->setCurrentIndex(m_model->index(m_model->append(profile)));
    }
    persist();
    if (dialog->secretModified() && profile.needsSecret())
        storeSecret(profile, dialog->secret());
}

void ProfilesPanel::storeSecret(const Profile &profile, const QString &secret)
{
    QPointer<ProfilesPanel> self(this);
    const QString name = profile.name;
    if (secret.isEmpty()) {
        m_vault->remove(profile.secretKey(), [self, name](const SecretReply &reply) {
            if (self && !reply.ok())
                Q_EMIT self->message(tr("Could not delete the secret of “%1”: %2").arg(name, reply.error),
                                     MessageBar::Type::Warning);
        });
        return;
    }
    m_vault->write(profile.secretKey(), secret, [self, name](const SecretReply &reply, bool keptForSession) {
        if (!self || !keptForSession)
            return;
        if (reply.status == SecretReply::Status::Unavailable)
            Q_EMIT self->message(tr("No keychain service is running: the secret of “%1” is kept for this "
                                    "session only.")
                                     .arg(name),
                                 MessageBar::Type::Warning);
        else
            Q_EMIT self->message(
                tr("Could not save the secret of “%1” in the keychain: %2. It is kept for this "
                   "session only.")
                    .arg(name, reply.error),
                MessageBar::Type::Error);
    });
}

void ProfilesPanel::duplicateProfile()
{
    const auto original = currentProfile();
    if (!original)
        return;
    Profile copy = *original;
    copy.id = Profile::create(copy.name).id;
    copy.name = tr("%1 (copy)").arg(original->name);
    m_view->setCurrentIndex(m_model->index(m_model->append(copy)));
    persist();
    if (original->needsSecret())
        copySecret(*original, copy);
}

void ProfilesPanel::copySecret(const Profile &from, const Profile &to)
{
    QPointer<ProfilesPanel> self(this);
    m_vault->read(from.secretKey(), [self, to](const SecretReply &reply) {
        if (!self)
            return;
        if (reply.ok())
            self->storeSecret(to, reply.value);
        else if (reply.status == SecretReply::Status::Failed)
            Q_EMIT self->message(tr("The secret was not copied to “%1”: %2").arg(to.name, reply.error),
                                 MessageBar::Type::Warning);
    });
}

void ProfilesPanel::deleteProfile()
{
    const auto profile = currentProfile();
    if (!profile)
        return;
    auto *box
        = new QMessageBox(QMessageBox::Question, tr("Delete Profile"),
                          tr("Delete the profile “%1” and its stored client secret?").arg(profile->name),
                          QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteProfileConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = profile->id;
    connect(box, &QMessageBox::finished, this, [this, box, id] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            removeProfileAt(m_model->rowOfId(id));
    });
    box->open();
}

void ProfilesPanel::removeProfileAt(int row)
{
    if (row < 0)
        return;
    const Profile profile = m_model->at(row);
    m_model->remove(row);
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(qMin(row, m_model->rowCount() - 1)));
    persist();
    updateActions();
    Q_EMIT currentProfileChanged();
    storeSecret(profile, QString());
}

void ProfilesPanel::importProfiles()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Profiles"), QDir::homePath(),
                                                      tr("Profiles (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFromFile(path);
}

bool ProfilesPanel::importFromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT message(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                       MessageBar::Type::Error);
        return false;
    }
    QString error;
    QList<Profile> imported = ProfileStore::importProfiles(file.readAll(), &error);
    if (imported.isEmpty()) {
        Q_EMIT message(error.isEmpty()
                           ? tr("%1 holds no profiles.").arg(QDir::toNativeSeparators(path))
                           : tr("Could not import %1: %2").arg(QDir::toNativeSeparators(path), error),
                       MessageBar::Type::Error);
        return false;
    }
    QString lastId;
    for (Profile &profile : imported) {
        if (m_model->rowOfId(profile.id) >= 0 || profile.id.isEmpty())
            profile.id = Profile::create(profile.name).id; // keep both: the import never overwrites
        m_model->append(profile);
        lastId = profile.id;
    }
    selectProfile(lastId);
    persist();
    const QString count = imported.size() == 1 ? tr("1 profile") : tr("%1 profiles").arg(imported.size());
    QString text
        = tr("Imported %1 from %2. Secrets are never exported: edit each imported profile to enter its "
             "client secret.")
              .arg(count, QDir::toNativeSeparators(path));
    if (!error.isEmpty())
        text += QLatin1Char(' ') + tr("Some entries were skipped: %1").arg(error);
    Q_EMIT message(text, error.isEmpty() ? MessageBar::Type::Positive : MessageBar::Type::Warning);
    return true;
}

void ProfilesPanel::exportProfiles()
{
    if (m_model->rowCount() == 0)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Profiles"),
                                                      QDir::home().filePath(QStringLiteral("profiles.json")),
                                                      tr("Profiles (*.json);;All files (*)"));
    if (!path.isEmpty())
        exportToFile(path);
}

bool ProfilesPanel::exportToFile(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ProfileStore::exportProfiles(m_model->profiles())) < 0
        || !file.commit()) {
        Q_EMIT message(
            tr("Could not export to %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
            MessageBar::Type::Error);
        return false;
    }
    const int rows = m_model->rowCount();
    const QString count = rows == 1 ? tr("1 profile") : tr("%1 profiles").arg(rows);
    Q_EMIT message(tr("Exported %1 to %2, without secrets.").arg(count, QDir::toNativeSeparators(path)),
                   MessageBar::Type::Positive);
    return true;
}

void ProfilesPanel::persist()
{
    QString error;
    if (!m_store.save(m_model->profiles(), &error))
        Q_EMIT message(tr("Could not save the profiles to %1: %2")
                           .arg(QDir::toNativeSeparators(m_store.filePath()), error),
                       MessageBar::Type::Error);
}
