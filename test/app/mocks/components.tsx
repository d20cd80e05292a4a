// DOM stand-ins for @tarojs/components: enough to render, click and type in jsdom.
import { createElement, forwardRef, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode };

/** Props React DOM understands; Taro-only ones (hoverClass, catchMove, ...) are dropped. */
function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (
      key === 'className' ||
      key === 'style' ||
      key === 'id' ||
      key === 'role' ||
      key === 'value' ||
      key === 'placeholder' ||
      key === 'disabled' ||
      key === 'type' ||
      key === 'maxLength' ||
      key.startsWith('aria-') ||
      key.startsWith('data-') ||
      /^on[A-Z]/.test(key)
    ) {
      out[key] = value;
    }
  }
  // Taro's Input spells it `maxlength`; React DOM wants `maxLength`.
  if (props.maxlength !== undefined) out.maxLength = props.maxlength;
  if (typeof out.onInput === 'function' && out.onChange === undefined) {
    // A controlled <input> in React needs onChange; Taro's Input reports through onInput
    // with the text in event.detail.value.
    const onInput = out.onInput as (event: { detail: { value: string } }) => void;
    out.onChange = (event: { target: { value: string } }) => onInput({ detail: { value: event.target.value } });
    delete out.onInput;
  }
  return out;
}

function make(tag: string, name: string) {
  const Component = forwardRef<HTMLElement, Props>(({ children, ...props }, ref) =>
    createElement(tag, { ...domProps(props), ref }, children as ReactNode),
  );
  Component.displayName = name;
  return Component;
}

export const View = make('div', 'View');
export const Text = make('span', 'Text');
export const Button = make('button', 'Button');
export const Input = forwardRef<HTMLInputElement, Props>((props, ref) =>
  createElement('input', { ...domProps(props), ref }),
);
Input.displayName = 'Input';
export const Image = make('img', 'Image');
export const ScrollView = make('div', 'ScrollView');
export const Label = make('label', 'Label');
export const Form = make('form', 'Form');
export const Textarea = make('textarea', 'Textarea');
/** Taro's Picker: the tests pick a value by calling onChange through the child's click; its mode and limits show as data-*. */
export const Picker = forwardRef<HTMLElement, Props>(({ mode, start, end, ...props }, ref) =>
  createElement(View, { ...props, 'data-picker-mode': mode, 'data-start': start, 'data-end': end, ref }),
);
Picker.displayName = 'Picker';
