/**
 * Translations of CodeMirror's own UI phrases (lint panel, search panel,
 * folding, completion), for `EditorState.phrases`. English needs none.
 */
import type { Locale } from '@rulecard/dsl';

export const codemirrorPhrases: Record<Locale, Record<string, string>> = {
  en: {},
  'zh-CN': {
    Completions: '补全',
    'Control character': '控制字符',
    Diagnostics: '诊断',
    'Go to line': '跳到行',
    'No diagnostics': '没有诊断',
    'Selection deleted': '已删除选中内容',
    close: '关闭',
    'current match': '当前匹配',
    'folded code': '已折叠的代码',
    go: '跳转',
    'on line': '行',
    'replaced $ matches': '已替换 $ 处',
    'replaced match on line $': '已替换第 $ 行的匹配',
    to: '到',
    unfold: '展开',
    'Folded lines': '已折叠',
    'Unfolded lines': '已展开',
    'Fold line': '折叠',
    'Unfold line': '展开',
    Find: '查找',
    Replace: '替换',
    all: '全部',
    'by word': '整词',
    'match case': '区分大小写',
    next: '下一个',
    previous: '上一个',
    regexp: '正则',
    'replace all': '全部替换',
    replace: '替换',
  },
};
