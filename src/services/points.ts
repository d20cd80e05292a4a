import type { MyPoints, PointsRules } from '@contract';
import { get, type RequestOptions } from './request';

export function fetchMyPoints(options?: RequestOptions): Promise<MyPoints> {
  return get<MyPoints>('/api/me/points', options);
}

export function fetchPointsRules(options?: RequestOptions): Promise<PointsRules> {
  return get<PointsRules>('/api/points/rules', options);
}
