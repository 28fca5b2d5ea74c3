/**
 * The English catalogue: the source every other catalogue follows (its keys and placeholders). See
 * index.ts for how to add a key.
 */

/** The forms of a counted message (`{count}`), chosen by Intl.PluralRules; `other` always. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export const en = {
  // Slash-command descriptions (Discord: at most 100 characters).
  'cmd.article': 'Add a news article to the store (moderators)',
  'cmd.article.add': 'Fetch a web page and store its article',
  'cmd.article.add.url': 'The article address, https://…',
  'cmd.briefing': 'Post or unpin news briefings in a channel (moderators)',
  'cmd.briefing.post': 'Post a public briefing, optionally pinned',
  'cmd.briefing.post.topic': 'A word or phrase to search for',
  'cmd.briefing.post.length': 'How long (default standard)',
  'cmd.briefing.post.channel': 'Where to post (default: here)',
  'cmd.briefing.post.pin': 'Pin it (older briefing pins of the bot are unpinned)',
  'cmd.briefing.unpin': "Remove the bot's briefing pins from a channel",
  'cmd.briefing.unpin.channel': 'Which channel (default: here)',
  'cmd.hours': 'Only articles from the last N hours (default {hours})',
  'cmd.digest': 'Daily news digests posted in a channel at a set local time',
  'cmd.digest.name': 'The digest’s name',
  'cmd.digest.set': 'Create a daily digest, or change one by giving its name',
  'cmd.digest.set.channel': 'Where to post',
  'cmd.digest.set.time': 'Local time, 24-hour clock, e.g. 08:00',
  'cmd.digest.set.timezone':
    'Time zone: a city (Berlin, New York), an IANA name (Europe/Berlin), CET or UTC+2',
  'cmd.digest.set.topic': 'Only news about this (a word or phrase); "all" for everything',
  'cmd.digest.set.length': 'How long each digest is (default standard)',
  'cmd.digest.set.pin': 'Pin each digest (older digest pins are unpinned)',
  'cmd.digest.set.quiet': 'Post a short note on days with nothing new (default: post nothing)',
  'cmd.digest.set.name': 'A short name to refer to it, e.g. morning (default daily)',
  'cmd.digest.set.language': 'Language of the digest (default: the server’s language)',
  'cmd.digest.list': 'This server’s digests: when, where, next and last run',
  'cmd.digest.preview': 'See what a digest would post now (only you see it; nothing is posted)',
  'cmd.digest.remove': 'Delete a digest',
  'cmd.digest.pause': 'Stop posting a digest until resumed',
  'cmd.digest.resume': 'Start posting a paused or disabled digest again',
  'cmd.feeds': 'News feeds this server reads (admins)',
  'cmd.feeds.add': 'Add an RSS, Atom or JSON feed (or re-enable a disabled one)',
  'cmd.feeds.add.url': 'The feed address, https://…',
  'cmd.feeds.add.topic': 'A label for what the feed covers',
  'cmd.feeds.list': "This server's feeds and how they are doing",
  'cmd.feeds.remove': 'Stop reading a feed (its stored articles stay)',
  'cmd.feeds.remove.feed': 'Which feed',
  'cmd.news': 'A short briefing of the latest stored news, every point cited',
  'cmd.news.topic': 'A word or phrase to search for, e.g. iraq or "climate change"',
  'cmd.news.length': 'How long the briefing should be (default standard)',
  'cmd.news.private': 'Only you see the reply',
  'cmd.newsdesk': 'About the bot itself (admins)',
  'cmd.newsdesk.status': 'Version, articles, feeds, cache, LLM use today, next digests, uptime',
  'choice.length.short': 'short',
  'choice.length.standard': 'standard',
  'choice.length.detailed': 'detailed',
  'choice.language.server': 'The server’s language',

  // Errors every command can answer with.
  'error.unknownCommand': 'Unknown command /{name}. Commands: {known}.',
  'error.internal': 'Something went wrong on our side (error id {id}). Please try again in a moment.',
  'error.restarting': 'newsdesk is restarting. Please try again in a minute.',
  'error.buttonGone': 'This button is no longer available.',
  'error.outsideServer': '{command} used outside a server channel',

  // Option validation (the same for Discord and the console).
  'option.type.text': 'text',
  'option.type.integer': 'a whole number',
  'option.type.number': 'a number',
  'option.type.boolean': 'true or false',
  'option.type.channel': 'a channel',
  'option.type.user': 'a member',
  'option.type.role': 'a role',
  'option.type.valid': 'a valid value',
  'option.mustBe': 'Option `{option}` of /{command} must be {type}.',
  'option.oneOf': 'Option `{option}` of /{command} must be one of: {choices}.',
  'option.between': 'Option `{option}` of /{command} must be between {min} and {max}.',
  'option.minLength': {
    one: 'Option `{option}` of /{command} needs at least {count} character.',
    other: 'Option `{option}` of /{command} needs at least {count} characters.',
  },
  'option.maxLength': {
    one: 'Option `{option}` of /{command} takes at most {count} character.',
    other: 'Option `{option}` of /{command} takes at most {count} characters.',
  },
  'option.noSuchSubcommand': '/{command} has no subcommand `{subcommand}`. Try {list}.',
  'option.noSubcommands': '/{command} has no subcommand `{subcommand}`.',
  'option.needsSubcommand': '/{command} needs a subcommand: {list}.',
  'option.unknown': '/{command} has no option `{option}`. Its options: {known}.',
  'option.none': 'none',
  'option.missing': '/{command} needs {options}.',

  // Permissions and channels.
  'permission.viewChannel': 'View Channel',
  'permission.sendMessages': 'Send Messages',
  'permission.embedLinks': 'Embed Links',
  'permission.readMessageHistory': 'Read Message History',
  'permission.pinMessages': 'Pin Messages',
  'permission.manageServer': 'Manage Server',
  'permission.memberMissing': {
    one: 'You need the {names} permission in <#{channel}> to {action}.',
    other: 'You need the {names} permissions in <#{channel}> to {action}.',
  },
  'permission.botMissing': {
    one: "I'm missing {names} in <#{channel}>. Ask an admin to give my role this permission there.",
    other: "I'm missing {names} in <#{channel}>. Ask an admin to give my role these permissions there.",
  },
  'permission.botMissingRetry': {
    one: "I'm missing {names} in <#{channel}>. Ask an admin to give my role this permission there, then try again.",
    other:
      "I'm missing {names} in <#{channel}>. Ask an admin to give my role these permissions there, then try again.",
  },
  'permission.needPin': 'You need the Pin Messages permission to {action}.',
  'permission.needManageServer': 'You need the Manage Server permission to {action}.',
  'action.addArticles': 'add articles',
  'action.postBriefings': 'post briefings',
  'action.unpinBriefings': 'unpin briefings',
  'action.pinBriefings': 'pin briefings',
  'action.manageDigests': 'manage digests',
  'action.changeFeeds': 'change feeds',
  'action.seeStatus': 'see the bot’s status',
  'channel.notFound': "I can't find <#{channel}>: it may have been deleted, or I can't see it.",
  'channel.notText': '<#{channel}> is not a text channel; pick one where messages can be posted.',
  'problem.unknownChannel': '<#{channel}> no longer exists.',
  'problem.noAccess': "I can't access <#{channel}>. Give my role the View Channel permission there.",
  'problem.missingPermissions': "Discord refused: I'm missing a permission in <#{channel}>.",
  'problem.unknownMessage': 'That message no longer exists.',
  'problem.pinLimit': "<#{channel}> already has 250 pins, Discord's limit.",
  'moderation.consoleOnly': 'Posting and pinning happen in Discord; the console can only show briefings.',

  // Pins.
  'pin.notPinned': 'Not pinned: {note}',
  'pin.refused': 'Discord refused.',
  'pin.limitNote':
    "<#{channel}> already has 250 pins (Discord's limit), so the briefing stays unpinned. Unpin something and try again.",
  'pin.already': 'It was already pinned.',
  'pin.pinned': 'Pinned.',
  'pin.pinnedRotated': {
    one: 'Pinned (unpinned {count} older briefing).',
    other: 'Pinned (unpinned {count} older briefings).',
  },

  // /briefing.
  'briefing.requestedBy': 'Briefing requested by <@{user}>',
  'briefing.postedIn': 'Posted in <#{channel}>: {url}',
  'briefing.postedInPinned': 'Posted in <#{channel}>: {url} — {pin}',
  'briefing.unpinned': {
    one: 'Unpinned {count} briefing in <#{channel}>.',
    other: 'Unpinned {count} briefings in <#{channel}>.',
  },
  'briefing.noPins': 'There were no briefing pins of mine in <#{channel}>.',

  // /news and the cooldown.
  'cooldown.wait': {
    one: 'You have asked for several briefings in a short time. Your next /news is ready in {count} s.',
    other: 'You have asked for several briefings in a short time. Your next /news is ready in {count} s.',
  },
  'select.noArticles':
    'No articles yet: an admin can add feeds with `/feeds add`, a moderator a page with `/article add`, and the operator files with `npx newsdesk ingest`.',
  'select.noMatch':
    'No stored articles match “{topic}”. Try another word, or leave the topic out for the latest news.',

  // A briefing as shown (embed, console).
  'briefing.sources': 'Sources',
  'briefing.sourcesContinued': 'Sources (continued)',
  'briefing.topStories': 'Top stories',
  'briefing.defaultHeadline': 'News briefing',
  'footer.cited': {
    one: '{cited} of {count} article cited',
    other: '{cited} of {count} articles cited',
  },
  'footer.moreNames': '{names} +{count} more',
  'footer.cached': '{model} · cached',
  'footer.extractive': 'extractive summary: {reason}',
  'notice.widened': {
    one: 'Nothing was published in the last {count} hour; these are the most recent articles.',
    other: 'Nothing was published in the last {count} hours; these are the most recent articles.',
  },
  'notice.extractive': 'Sentences quoted from the articles (no AI summary).',
  'notice.extractivePrivate': 'This briefing is extractive (quoted from the articles): {reason}.',
  'fallback.none': 'no language model',
  'fallback.no_llm': 'no language model is configured',
  'fallback.restarting': 'newsdesk was restarting',
  'fallback.llm_failed': 'the language model failed',
  'fallback.unusable': 'the language model returned an unusable answer',
  'fallback.unsupported': "the language model's answer did not match its sources",
  'fallback.rate_limited': 'the language model is rate-limited right now',
  'fallback.timeout': 'the language model took too long to answer',
  'fallback.unreachable': 'the language model could not be reached',
  'fallback.auth': 'the language model rejected our credentials',
  'fallback.rejected': 'the language model rejected the request',
  'fallback.server_error': 'the language model had an internal error',
  'fallback.refused': 'the language model declined to write this briefing',
  'fallback.truncated': 'the language model stopped before finishing',
  'fallback.empty': 'the language model returned nothing usable',
  'budget.server': "this server's daily language-model budget is used up; it resets at 00:00 UTC, in {wait}",
  'budget.bot': "the bot's daily language-model budget is used up; it resets at 00:00 UTC, in {wait}",
  'time.dh': '{d} d {h} h',
  'time.hm': '{h} h {m} min',
  'time.m': '{m} min',
  'time.s': '{s} s',
  'list.more': '…and {count} more',

  // /article.
  'article.failed': 'Could not store it: {reason}',
  'article.unknownReason': 'unknown reason',
  'article.added': 'Stored: “{title}” (article {id}). It can now appear in /news.',
  'article.updated': 'Updated: “{title}” (article {id}). It can now appear in /news.',
  'article.unchanged': 'Already stored: “{title}” (article {id}). It can now appear in /news.',
  'ingest.badUrl': 'Give a full web address starting with https:// (or http://).',
  'ingest.notAFeed': 'That is not a feed I can read: {reason}',
  'ingest.feedLimit': 'This server already has {max} feeds; remove one with /feeds remove first.',
  'ingest.noArticle': 'No article could be read from that page ({reason}).',

  // /feeds.
  'feeds.disabled': '⛔ disabled: {reason} — `/feeds add` it again to retry',
  'feeds.failing': '⚠️ failing since {since} ({count}×): {error}',
  'feeds.unknownError': 'unknown error',
  'feeds.lastRead': '✅ last read {when}',
  'feeds.notRead': '⏳ not read yet',
  'feeds.line': {
    one: '{health} · {count} article · next {next}',
    other: '{health} · {count} articles · next {next}',
  },
  'feeds.noSuchFeed': 'No such feed on this server. `/feeds list` shows them.',
  'feeds.added': 'Added **{title}**: {items}, {stored}. It is read every {every}.',
  'feeds.updated': 'Updated **{title}**: {items}, {stored}. It is read every {every}.',
  'feeds.reenabled': 'Re-enabled **{title}**: {items}, {stored}. It is read every {every}.',
  'feeds.itemsRead': { one: '{count} item read', other: '{count} items read' },
  'feeds.newStored': { one: '{count} new article stored', other: '{count} new articles stored' },
  'feeds.minutes': { one: '{count} minute', other: '{count} minutes' },
  'feeds.removed': 'Removed feed `{id}`. Its articles stay in the store.',
  'feeds.operator': {
    one: "(plus {count} feed set up by the bot's operator)",
    other: "(plus {count} feeds set up by the bot's operator)",
  },
  'feeds.none': 'No feeds on this server yet. Add one with `/feeds add url:https://…`.',

  // /digest.
  'digest.unavailable': 'Digests are not available in this process.',
  'digest.needsServer': 'Digests belong to a Discord server: use /digest in a server.',
  'digest.created': 'Created digest **{name}** (`{id}`): {about} in <#{channel}> {when}, {details}. {next}',
  'digest.updated': 'Updated digest **{name}** (`{id}`): {about} in <#{channel}> {when}, {details}. {next}',
  'digest.aboutTopic': 'news about “{topic}”',
  'digest.aboutAll': 'all news',
  'digest.pausedHint': 'It is paused: `/digest resume` starts it.',
  'digest.inLanguage': 'in {language}',
  'digest.listEmpty':
    'No digests yet. Create one with `/digest set channel:#news time:08:00 timezone:Europe/Berlin` (up to {max}).',
  'digest.listHead': '**Digests ({count}/{max})**',
  'digest.previewNothing':
    'Nothing new for **{name}** (<#{channel}>, {when}) since {since}: it would post nothing.',
  'digest.previewQuiet':
    'Nothing new for **{name}** (<#{channel}>, {when}) since {since}: it would post a quiet-day note.',
  'digest.removed': 'Removed digest **{name}**.',
  'digest.paused': 'Paused digest **{name}**. `/digest resume {id}` starts it again.',
  'digest.resumed': 'Resumed digest **{name}**. {next}',
  'digest.try':
    'Try `/digest set`, `/digest list`, `/digest preview`, `/digest remove`, `/digest pause` or `/digest resume`.',
  'digest.nameNeedsLetter': 'A digest name needs a letter or a digit, e.g. `morning` or `tech-evening`.',
  'digest.limit':
    'This server already has {max} digests, the most allowed. Remove one with `/digest remove`, or change one by giving its name.',
  'digest.lengthOneOf': 'Length must be one of {lengths}.',
  'digest.topicNeedsWord':
    'The topic needs a word to search for, e.g. `climate` or `"central bank"`; use `all` for all news.',
  'digest.noSuchName': 'No digest named “{ref}”. This server has {names}.',
  'digest.noneYet': 'This server has no digests yet. Create one with `/digest set`.',
  'digest.which': 'Which digest? This server has {names}: give its name.',
  'digest.badTime': '“{input}” is not a time of day. Use hours and minutes, e.g. {example}.',
  'digest.when': 'every day at {time} ({zone})',
  'digest.pausedBy': 'paused by {name}',
  'digest.anAdmin': 'an admin',
  'digest.channelGone': 'disabled: the channel is gone',
  'digest.lostAccess': 'disabled: I lost access to the channel',
  'digest.disabled': '{what}. Fix it, then `/digest resume {id}`',
  'digest.disabledDetail': '{what} ({detail}). Fix it, then `/digest resume {id}`',
  'digest.topic': 'topic “{topic}”',
  'digest.pinned': 'pinned',
  'digest.quietNote': 'quiet-day note',
  'digest.next': 'Next: {when}',
  'digest.nextSentence': 'Next: {when}.',
  'digest.notScheduled': 'not scheduled',
  'digest.notScheduledPaused': 'Not scheduled while paused.',
  'digest.last': 'Last: {run}',
  'run.none': 'no run yet',
  'run.late': '{date} (late)',
  'run.posted': '{when}: posted',
  'run.quietNotePosted': '{when}: nothing new (quiet-day note posted)',
  'run.nothingNew': '{when}: nothing new',
  'run.failed': '{when}: failed',
  'run.skipped': '{when}: skipped',
  'run.uncertain': '{when}: uncertain',
  'run.running': '{when}: running now',
  'digestPost.late': 'late: I was offline at {time}',
  'digestPost.quiet': 'Quiet day: nothing new since {since}.',
  'digestPost.quietAbout': 'Quiet day: nothing new about “{topic}” since {since}.',

  // /newsdesk status.
  'status.title': '**newsdesk {version}** · prompt `{prompt}` · up {uptime}',
  'status.articles': '**Articles:** {count} stored',
  'status.newest': '{articles} · newest “{title}”, {at}',
  'status.feedsServer': '**Feeds (this server):** {feeds}',
  'status.feedsConsole':
    '**Feeds (this server):** feeds per server are set up in Discord, not on the console',
  'status.feedsOperator': '**Feeds (operator):** {feeds}',
  'status.none': 'none',
  'status.feedHealth': '{ok} ok · {failing} failing · {disabled} disabled',
  'status.feedWaiting': '{health} · {count} not read yet',
  'status.noLookups': 'no lookups since start',
  'status.hitRate': '{percent} % hits ({hits} of {total} lookups since start)',
  'status.cache': '**Cache** `{label}`: {rate}',
  'status.calls': { one: '{count} call today (UTC)', other: '{count} calls today (UTC)' },
  'status.callsFailed': '{calls}, {failed} failed',
  'status.tokens': '{calls} · {input} tokens in, {output} out',
  'status.llm': '**LLM** {endpoint} · {model}: {today}',
  'status.noLlm': '**LLM:** none configured, briefings are extractive',
  'status.noLlmToday': '**LLM:** none configured, briefings are extractive ({today})',
  'status.nextDigests': '**Next digests:** {digests}',
  'status.digestsConsole': 'digests are per server, set up in Discord; none on the console',
  'status.digestsUnavailable': 'digests are not available',
  'status.digestsNone': 'none on this server (`/digest set` schedules one)',
  'status.digestPaused': '{name} paused',
  'status.digestNext': '{name} {when} in <#{channel}>',
  'status.digestUnscheduled': '{name} not scheduled',
  'status.digestsMore': '…and {count} more (`/digest list`)',

  // The console.
  'console.help': 'Commands, typed as in Discord (/command subcommand name:value …); examples:',
  'console.helpEnd': '/help — this list;  /exit — quit (or end of input)',
  'console.private': '(private: only you would see this in Discord)',
  'console.slash':
    'Commands start with a slash, e.g. `/news topic:iraq hours:48 length:short`. Type /help for the list.',
  'console.unexpected': 'Unexpected text “{text}”. Options are written name:value, e.g. `/news topic:iraq`.',
  'console.twice': 'Option `{option}` is given twice.',
  // Merged from main: Post in channel, Pin briefing, digest headings, time zones, counts, run reasons, console.
  'cmd.pinBriefing': 'Pin briefing',
  'share.button': 'Post in channel',
  'share.sharedBy': 'Shared by <@{user}>',
  'share.outsideServer': '"Post in channel" pressed outside a server channel',
  'share.alreadyPublic': 'This briefing is already in the channel for everyone.',
  'action.postHere': 'post briefings here',
  'pin.moved':
    'To pin a briefing, use the message command: right-click the message (or long-press it), then Apps → Pin briefing.',
  'pin.notAMessage': 'Use Pin briefing on a message: right-click it (or long-press it), then Apps.',
  'pin.notABriefing':
    'That is not one of my briefings. Pin briefing pins only briefings I posted (/news, /briefing post or a digest); pin other messages with Discord’s own Pin Message.',
  'digest.headingSinceStyle': 'R',
  'digest.headingLine': '**New since {since}** in <#{channel}>',
  'digest.headingAbout': 'about “{topic}”',
  'zone.confirm': 'Time zone: {reading}.',
  'zone.fixed': 'a fixed offset: no daylight saving; give a city to follow it',
  'zone.unknown':
    '“{input}” is not a time zone I know. Use a city or a name from the list, e.g. `Europe/Berlin`, `America/New_York` or `UTC`.',
  'zone.unknownOffset':
    '“{input}” is not a time zone I know. Offsets are written like `UTC+2` or `+05:30`. Use a city or a name from the list, e.g. `Europe/Berlin`, `America/New_York` or `UTC`.',
  'zone.ambiguous': '“{input}” could mean {zones}. Pick one, e.g. `timezone:{first}`.',
  'count.article': { one: '{n} article', other: '{n} articles' },
  'count.newArticle': { one: '{n} new article', other: '{n} new articles' },
  'count.item': { one: '{n} item', other: '{n} items' },
  'count.feed': { one: '{n} feed', other: '{n} feeds' },
  'count.briefing': { one: '{n} briefing', other: '{n} briefings' },
  'count.olderBriefing': { one: '{n} older briefing', other: '{n} older briefings' },
  'count.minute': { one: '{n} minute', other: '{n} minutes' },
  'count.hour': { one: '{n} hour', other: '{n} hours' },
  'count.story': { one: '{n} story', other: '{n} stories' },
  'count.digest': { one: '{n} digest', other: '{n} digests' },
  'reason.elsewhere': 'run by another process',
  'reason.botDown': 'bot was down at {time}, beyond the {grace} grace',
  'reason.stoppedWriting':
    'the bot stopped while writing this digest and was not back within the {grace} grace',
  'reason.stoppedSending':
    'the bot stopped while sending at {time}; not re-sent after Discord’s duplicate guard expired, so it may be missing from the channel',
  'reason.pinFailed': 'posted, but pinning failed: {error}',
  'reason.writeFailed': 'the briefing could not be written: {error}',
  'reason.internal': 'internal error: {error}',
  'reason.channelGone': 'channel gone: {error}',
  'reason.missingAccess': 'missing access: {error}',
  'reason.discordRetry': 'Discord error (will retry once): {error}',
  'reason.discordRefused': 'Discord refused: {error}',
  'console.optional': 'optional: {options}',
  'console.digestRun': 'Console only: post a digest now, as if it were due (then the schedule moves on)',
  'console.pretend':
    'You are the admin of a pretend server, “{server}”, with the channels #{home} (where you type) and #{news}:\nwhat the bot would post there is printed here. Its digests and feeds are kept in the database.',
  'console.values':
    'A value runs until the next name:, so spaces need no quotes (topic:climate change); quote a value holding "name:".',
  'console.noChannel': 'There is no channel “{name}” here: the console’s server has {channels}.',
  'console.noDigestRun': 'Digests cannot be run in this process.',
  'consoleRun.noSuchName': 'No digest named “{ref}”. There are {names}: `/digest run name:{first}`.',
  'consoleRun.which': 'Which digest? There are {names}: `/digest run name:{first}`.',
  'consoleRun.paused': 'Digest {name} is paused: `/digest resume {id}` first.',
  'consoleRun.running': 'Digest {name} is running already.',
  'consoleRun.posted': 'Ran digest {name} now (the run of {date}): posted in <#{channel}>, {articles}.',
  'consoleRun.postedPinned':
    'Ran digest {name} now (the run of {date}): posted in <#{channel}>, {articles}, pinned.',
  'consoleRun.quietNote':
    'Ran digest {name} now (the run of {date}): nothing new, so a quiet-day note was posted in <#{channel}>.',
  'consoleRun.nothing':
    'Ran digest {name} now (the run of {date}): nothing new since the last digest, so nothing was posted (`quiet:true` posts a note instead).',
  'consoleRun.other': 'Ran digest {name} now: {result}.',
} as const;

export type MessageKey = keyof typeof en;

/** A catalogue: every key of the English one, each a text or the plural forms its language needs. */
export type Catalogue = {
  readonly [K in MessageKey]: (typeof en)[K] extends string ? string : PluralForms;
};

// English is a catalogue like the others.
en satisfies Catalogue;
