// Opt-in reminders (WeChat one-time subscribe messages). The member first accepts in WeChat's own
// dialog (components/subscribe-button); only then is the subscription kept by the API.
import type { MySubscriptions, Subscription } from '@contract';
import { del, get, post, type RequestOptions } from './request';

export function fetchMySubscriptions(options?: RequestOptions): Promise<MySubscriptions> {
  return get<MySubscriptions>('/api/me/subscriptions', options);
}

/** 开始前提醒我: one reminder before the activity starts. */
export function subscribeActivityReminder(activityId: number, options?: RequestOptions): Promise<Subscription> {
  return post<Subscription>(`/api/activities/${activityId}/reminder`, {}, options);
}

/** 审核结果通知我: the outcome of one volunteer record's review. */
export function subscribeVolunteerResult(recordId: number, options?: RequestOptions): Promise<Subscription> {
  return post<Subscription>(`/api/volunteer/records/${recordId}/result-subscription`, {}, options);
}

/** 处理结果通知我: the outcome of one objection. */
export function subscribeObjectionResult(objectionId: number, options?: RequestOptions): Promise<Subscription> {
  return post<Subscription>(`/api/objections/${objectionId}/result-subscription`, {}, options);
}

/** 有新答题时通知我: once, for the next quiz opened for the member. */
export function subscribeNewQuiz(options?: RequestOptions): Promise<Subscription> {
  return post<Subscription>('/api/me/subscriptions/new-quiz', {}, options);
}

export function withdrawSubscription(id: number, options?: RequestOptions): Promise<void> {
  return del<void>(`/api/me/subscriptions/${id}`, options);
}
