#pragma once

#include <QObject>
#include <QString>
#include <functional>

struct SecretReply
{
    enum class Status {
        Ok,
        NotFound,
        Unavailable, // no keychain service (e.g. headless machine without a secret service)
        Failed,
    };
    Status status = Status::Failed;
    QString value;
    QString error; // specific message for the user

    bool ok() const { return status == Status::Ok; }
};

// Where client secrets live. Asynchronous: keychains answer over D-Bus.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    using Callback = std::function<void(const SecretReply &)>;

    virtual QString backendName() const = 0;
    virtual void readSecret(const QString &key, Callback done) = 0;
    virtual void writeSecret(const QString &key, const QString &value, Callback done) = 0;
    virtual void deleteSecret(const QString &key, Callback done) = 0;
};
