//! One outbox item through the Bot API, and what Telegram's answer means for the shared sender:
//! 429 is a wait (`retry_after`), 403 and its kin mean the young person cannot be reached,
//! server and network errors are tried again, anything else is refused for good.

use teloxide::payloads::{EditMessageReplyMarkupSetters, SendDocumentSetters, SendMessageSetters, SendPhotoSetters};
use teloxide::prelude::Requester;
use teloxide::types::{ChatId, InputFile, MessageId};
use teloxide::{ApiError, Bot, RequestError};

use super::keyboard;
use crate::channel::Delivered;
use crate::store::outbox::{self, Item};

/// Telegram's limit on a caption's length, in characters.
const MAX_CAPTION: usize = 1024;

pub async fn deliver(bot: &Bot, chat: &str, item: &Item, previous: Option<&str>) -> Delivered {
    let Ok(chat) = chat.parse::<i64>().map(ChatId) else {
        return Delivered::Rejected("not a Telegram chat id".into());
    };
    let caption = |c: &str| c.chars().take(MAX_CAPTION).collect::<String>();
    let result: Result<Option<String>, RequestError> = match item {
        Item::Farewell { text } => bot.send_message(chat, text.clone()).await.map(|_| None),
        Item::Message { text, buttons, columns } => {
            let mut request = bot.send_message(chat, text.clone());
            if !buttons.is_empty() {
                request = request.reply_markup(keyboard(buttons, *columns));
            }
            request.await.map(|m| Some(m.id.0.to_string()))
        }
        Item::Document { filename, caption: c, body } => bot
            .send_document(chat, InputFile::memory(body.clone().into_bytes()).file_name(filename.clone()))
            .caption(caption(c))
            .await
            .map(|_| None),
        Item::Photo { filename, caption: c, png } => match outbox::decode(png) {
            Some(bytes) => bot
                .send_photo(chat, InputFile::memory(bytes).file_name(filename.clone()))
                .caption(caption(c))
                .await
                .map(|_| None),
            None => return Delivered::Rejected("unreadable picture".into()),
        },
        Item::EditButtons { buttons, columns } => match previous.and_then(|id| id.parse::<i32>().ok()) {
            Some(id) => bot
                .edit_message_reply_markup(chat, MessageId(id))
                .reply_markup(keyboard(buttons, *columns))
                .await
                .map(|_| None),
            // Nothing to redraw (the message was never delivered): nothing to do.
            None => Ok(None),
        },
    };
    match result {
        Ok(id) => Delivered::Sent(id),
        Err(RequestError::RetryAfter(wait)) => Delivered::RetryAfter(wait.duration()),
        Err(RequestError::Api(
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots,
        )) => Delivered::Unreachable,
        Err(RequestError::Api(ApiError::MessageNotModified)) => Delivered::Sent(None),
        Err(
            e @ (RequestError::Network(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Io(_)
            | RequestError::Api(ApiError::Unknown(_))),
        ) => Delivered::Retry(e.to_string()),
        Err(e) => Delivered::Rejected(e.to_string()),
    }
}
